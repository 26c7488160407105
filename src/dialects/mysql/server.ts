/**
 * Which server we are talking to, and what its information_schema can tell us.
 *
 * MySQL and MariaDB share a wire protocol and most of information_schema, but they diverged after
 * MySQL 5.7 / MariaDB 10.2. Every place where the introspection depends on the server reads one of
 * the feature flags below, so the MySQL 8 and MariaDB branches are named and kept in one place.
 */
import type { EngineName } from '../../schema/model.js';

export interface ServerInfo {
  /** 'mariadb' when VERSION() says so, otherwise 'mysql'. */
  engine: Extract<EngineName, 'mysql' | 'mariadb'>;
  /** VERSION() as the server returned it: `8.0.36`, `10.11.19-MariaDB-0+deb12u1`. */
  version: string;
  major: number;
  minor: number;
  patch: number;
  features: ServerFeatures;
}

export interface ServerFeatures {
  /**
   * Where CHECK constraints are listed.
   * - 'mysql': MySQL 8.0.16+: TABLE_CONSTRAINTS (CONSTRAINT_TYPE='CHECK', ENFORCED) joined to
   *   CHECK_CONSTRAINTS by (schema, name); CHECK_CONSTRAINTS has no TABLE_NAME. Names are unique per schema.
   * - 'mariadb': MariaDB 10.2+: CHECK_CONSTRAINTS carries TABLE_NAME (10.3.10+) and LEVEL
   *   ('Column' | 'Table', 10.5.10+). Names are unique per table only (a column check is named after its column).
   * - 'none': older servers parse CHECK and ignore it.
   */
  checks: 'mysql' | 'mariadb' | 'none';
  /** MariaDB 10.5.10+ has CHECK_CONSTRAINTS.LEVEL. */
  checkLevel: boolean;
  /** MySQL 8.0.13+: STATISTICS.EXPRESSION holds the expression of a functional key part. */
  indexExpressions: boolean;
  /** MySQL 8.0+: STATISTICS.IS_VISIBLE ('NO' for an INVISIBLE index). */
  indexVisibility: boolean;
  /** MariaDB 10.6+: STATISTICS.IGNORED ('YES' for an IGNORED index). */
  indexIgnored: boolean;
  /** MySQL 8.0.16+: TABLE_CONSTRAINTS.ENFORCED ('NO' for CHECK ... NOT ENFORCED). */
  checkEnforced: boolean;
  /**
   * How COLUMNS.COLUMN_DEFAULT is written.
   * - 'quoted': MariaDB 10.2.7+: an SQL expression; literals quoted (`'abc'`), a NULL default as the
   *   text 'NULL', functions unquoted (`current_timestamp()`).
   * - 'raw': MySQL: the literal value unquoted (`abc`), SQL NULL for none or DEFAULT NULL, and an
   *   expression (8.0.13+) flagged by DEFAULT_GENERATED in EXTRA.
   */
  defaults: 'quoted' | 'raw';
  /**
   * MySQL 8 writes string literals inside GENERATION_EXPRESSION, CHECK_CLAUSE and expression defaults
   * with backslash-escaped quotes (`_utf8mb4\'a\'`); MariaDB writes them as SQL (`'a'`).
   */
  escapedExpressions: boolean;
  /** MariaDB 10.3+: sequences are tables with TABLE_TYPE = 'SEQUENCE'. */
  sequences: boolean;
}

function atLeast(
  info: { major: number; minor: number; patch: number },
  major: number,
  minor: number,
  patch = 0,
) {
  if (info.major !== major) return info.major > major;
  if (info.minor !== minor) return info.minor > minor;
  return info.patch >= patch;
}

/** Parses VERSION() (and, for MariaDB behind a 5.5.5- prefix, the real version after it). */
export function serverInfo(version: string): ServerInfo {
  const mariadb = /mariadb/i.test(version);
  // MariaDB 10.x used to announce itself as `5.5.5-10.x.y-MariaDB` over the protocol; VERSION() is clean,
  // but strip the prefix anyway so either string works.
  const clean = version.replace(/^5\.5\.5-/, '');
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(clean);
  const [major, minor, patch] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const v = { major, minor, patch };
  const features: ServerFeatures = mariadb
    ? {
        checks: atLeast(v, 10, 2) ? 'mariadb' : 'none',
        checkLevel: atLeast(v, 10, 5, 10),
        indexExpressions: false,
        indexVisibility: false,
        indexIgnored: atLeast(v, 10, 6),
        checkEnforced: false,
        defaults: atLeast(v, 10, 2, 7) ? 'quoted' : 'raw',
        escapedExpressions: false,
        sequences: atLeast(v, 10, 3),
      }
    : {
        checks: atLeast(v, 8, 0, 16) ? 'mysql' : 'none',
        checkLevel: false,
        indexExpressions: atLeast(v, 8, 0, 13),
        indexVisibility: atLeast(v, 8, 0),
        indexIgnored: false,
        checkEnforced: atLeast(v, 8, 0, 16),
        defaults: 'raw',
        escapedExpressions: atLeast(v, 8, 0),
        sequences: false,
      };
  return { engine: mariadb ? 'mariadb' : 'mysql', version, major, minor, patch, features };
}
