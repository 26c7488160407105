import type { SplitRules } from '../../migrators/sql/split.js';

/**
 * psql's splitting: '...' strings (E'...' with backslash escapes), "..." identifiers, $tag$ dollar
 * quoting, nested /* *\/ comments, parentheses, and SQL-standard bodies (`BEGIN ATOMIC ... END`).
 */
export const POSTGRES_SPLIT: SplitRules = Object.freeze({
  delimiterCommand: false,
  dashCommentNeedsSpace: false,
  hashComments: false,
  nestedBlockComments: true,
  backslashInQuotes: false,
  backtickIdentifiers: false,
  dollarQuotes: true,
  parensNest: true,
  beginNeedsAtomic: true,
  caseOpensBlock: false,
  endKeywordsClose: false,
  onlyOrReplaceBeforeRoutine: true,
});
