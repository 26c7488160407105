import type { SplitRules } from '../../migrators/sql/split.js';

/**
 * The mysql client's splitting (MariaDB's is the same): backslash escapes in '...' and "...", `...`
 * identifiers, `-- ` and # comments, executable /*! *\/ comments, the DELIMITER command, and
 * BEGIN ... END routine bodies written without DELIMITER.
 */
export const MYSQL_SPLIT: SplitRules = Object.freeze({
  delimiterCommand: true,
  dashCommentNeedsSpace: true,
  hashComments: true,
  nestedBlockComments: false,
  backslashInQuotes: true,
  backtickIdentifiers: true,
  dollarQuotes: false,
  parensNest: false,
  beginNeedsAtomic: false,
  caseOpensBlock: true,
  endKeywordsClose: true,
  onlyOrReplaceBeforeRoutine: false,
});
