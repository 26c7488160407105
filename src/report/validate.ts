/**
 * The Report type, checked field by field. A report read back from a file (`schemagate comment
 * --report`, the Action's `mode: comment`) was written by the pull request's own workflow, which
 * runs the pull request's code: it is untrusted input. Every field must have the type and, for
 * enums, one of the values src/report/model.ts declares, or the report is refused with the JSON
 * path of the first bad field. The renderers escape every string as well; this check makes sure
 * they only ever see the shapes they were written for (a `status` is `pass` or `fail`, never
 * markdown).
 *
 * Unknown fields are allowed (a newer minor writer may add some) and never rendered; an unknown
 * `version` is refused.
 */
import { ENGINE_NAMES } from '../dialects/registry.js';
import { SCHEMA_COLLECTIONS } from '../schema/model.js';
import { sanitizeConfigKey } from './markdown.js';
import type { Report } from './model.js';

export class ReportShapeError extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
  ) {
    super(`${path}: expected ${expected}`);
  }
}

type Obj = Record<string, unknown>;

const PASS_FAIL = ['pass', 'fail'] as const;
const STATUS = ['pass', 'fail', 'warn', 'skip'] as const;
const MIGRATION_STATUS = ['pass', 'fail', 'warn', 'not-run'] as const;
const CHECKS = ['up', 'round-trip', 're-apply', 'irreversible', 'data', 'locks'] as const;
const HAZARD_WORK = ['rewrite', 'scan', 'index-build'] as const;
const DIRECTIONS = ['up', 'down'] as const;
const LOSS_KINDS = ['rows', 'nulled', 'changed'] as const;
const CHANGES = ['added', 'removed', 'changed'] as const;
const KINDS = [
  'schema',
  'extension',
  'enum',
  'type',
  'sequence',
  'table',
  'column',
  'constraint',
  'index',
  'trigger',
  'policy',
  'view',
  'materialized view',
  'routine',
] as const;
const OUTPUT_STEPS = ['up', 'down', 'up again'] as const;
const SEVERITIES = ['error', 'warning'] as const;

function object(v: unknown, at: string): Obj {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new ReportShapeError(at, 'an object');
  return v as Obj;
}

function array(v: unknown, at: string, each: (item: unknown, at: string) => void): void {
  if (!Array.isArray(v)) throw new ReportShapeError(at, 'an array');
  for (const [i, item] of v.entries()) each(item, `${at}[${i}]`);
}

function string(v: unknown, at: string): void {
  if (typeof v !== 'string') throw new ReportShapeError(at, 'a string');
}

function number(v: unknown, at: string): void {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ReportShapeError(at, 'a number');
}

function boolean(v: unknown, at: string): void {
  if (typeof v !== 'boolean') throw new ReportShapeError(at, 'true or false');
}

function oneOf(values: readonly string[]) {
  return (v: unknown, at: string): void => {
    if (typeof v !== 'string' || !values.includes(v))
      throw new ReportShapeError(at, `one of ${values.join(', ')}`);
  };
}

/** `field?: T` accepts undefined; `nullable` also accepts null. */
function optional(check: (v: unknown, at: string) => void, nullable = false) {
  return (v: unknown, at: string): void => {
    if (v === undefined || (nullable && v === null)) return;
    check(v, at);
  };
}

function fields(o: Obj, at: string, spec: Record<string, (v: unknown, at: string) => void>): void {
  for (const [key, check] of Object.entries(spec)) check(o[key], `${at}.${key}`);
}

function difference(v: unknown, at: string): void {
  const d = object(v, at);
  fields(d, at, {
    change: oneOf(CHANGES),
    kind: oneOf(KINDS),
    object: string,
    name: optional(string),
    attribute: optional(string),
    before: optional(string, true),
    after: optional(string, true),
    severity: optional(oneOf(['warning'])),
  });
  const parent = object(d.parent, `${at}.parent`);
  fields(parent, `${at}.parent`, { collection: oneOf(SCHEMA_COLLECTIONS), key: string });
}

function finding(v: unknown, at: string): void {
  fields(object(v, at), at, {
    kind: string,
    severity: oneOf(SEVERITIES),
    message: string,
    file: optional(string),
    migration: optional(string),
  });
}

function checkResult(v: unknown, at: string): void {
  const c = object(v, at);
  fields(c, at, {
    check: oneOf(CHECKS),
    status: oneOf(STATUS),
    message: optional(string),
    differences: optional((d, p) => array(d, p, difference)),
    hazards: optional((h, p) => array(h, p, hazard)),
    dataLoss: optional((d, p) => array(d, p, dataLoss)),
  });
  if (c.error !== undefined && c.error !== null) {
    fields(object(c.error, `${at}.error`), `${at}.error`, {
      message: string,
      statement: optional(string, true),
      code: optional(string, true),
      detail: optional(string, true),
      hint: optional(string, true),
      sqlState: optional(string, true),
      errno: optional(number, true),
    });
  }
  if (c.fix !== undefined && c.fix !== null) downFix(c.fix, `${at}.fix`);
}

function downFix(v: unknown, at: string): void {
  const f = object(v, at);
  fields(f, at, {
    placement: oneOf(['append', 'replace']),
    sql: (x, p) => array(x, p, string),
    proven: boolean,
    reason: optional(string, true),
    advice: optional(string, true),
  });
  if (f.code !== undefined && f.code !== null) {
    fields(object(f.code, `${at}.code`), `${at}.code`, { knex: optional(string), alembic: optional(string) });
  }
}

function hazard(v: unknown, at: string): void {
  fields(object(v, at), at, {
    statement: string,
    relation: string,
    lock: string,
    algorithm: optional(string),
    work: oneOf(HAZARD_WORK),
    direction: oneOf(DIRECTIONS),
    safer: string,
  });
}

function dataLoss(v: unknown, at: string): void {
  const sampled = (s: unknown, p: string) =>
    fields(object(s, p), p, { count: number, sample: (a, q) => array(a, q, string) });
  fields(object(v, at), at, {
    table: string,
    column: optional(string, true),
    kind: oneOf(LOSS_KINDS),
    before: sampled,
    after: sampled,
  });
}

function migration(v: unknown, at: string): void {
  const m = object(v, at);
  fields(m, at, {
    id: string,
    name: string,
    file: string,
    status: oneOf(MIGRATION_STATUS),
    changed: boolean,
    checks: (c, p) => array(c, p, checkResult),
  });
  const sql = object(m.sql, `${at}.sql`);
  array(sql.up, `${at}.sql.up`, string);
  array(sql.down, `${at}.sql.down`, string);
  if (m.output !== undefined) array(m.output, `${at}.output`, printed);
}

/** What a migration printed (MigrationReport.output): rendered, so checked like the rest. */
function printed(v: unknown, at: string): void {
  const o = object(v, at);
  fields(o, at, {
    step: oneOf(OUTPUT_STEPS),
    lines: (l, p) => array(l, p, string),
    omitted: optional(number),
  });
}

function drift(v: unknown, at: string): void {
  const d = object(v, at);
  fields(d, at, {
    status: oneOf(STATUS),
    source: string,
    differences: (x, p) => array(x, p, difference),
    migrationFile: optional(string, true),
  });
  array(d.sql, `${at}.sql`, (s, p) => fields(object(s, p), p, { sql: string, destructive: boolean }));
}

function engine(v: unknown, at: string): void {
  fields(object(v, at), at, {
    engine: oneOf(ENGINE_NAMES),
    version: string,
    provider: string,
    status: oneOf(PASS_FAIL),
    durationMs: number,
    migrations: (m, p) => array(m, p, migration),
    drift: optional(drift, true),
    findings: (f, p) => array(f, p, finding),
    error: optional(string, true),
    shard: optional(shard, true),
  });
}

const wholeNumber = (v: unknown, at: string): void => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
    throw new ReportShapeError(at, 'a whole number');
};
const digest = (v: unknown, at: string): void => {
  if (typeof v !== 'string' || !/^[0-9a-f]{64}$/.test(v)) throw new ReportShapeError(at, 'a sha256 in hex');
};

/** `--shard I/N` (ShardInfo): merge trusts none of it beyond its shape, and checks it joins. */
function shard(v: unknown, at: string): void {
  const s = object(v, at);
  fields(s, at, {
    index: wholeNumber,
    count: wholeNumber,
    from: wholeNumber,
    to: wholeNumber,
    total: wholeNumber,
    history: digest,
    start: optional(digest, true),
    end: optional(digest, true),
  });
  const n = s as { index: number; count: number; from: number; to: number; total: number };
  if (!(n.index >= 1 && n.index <= n.count)) throw new ReportShapeError(`${at}.index`, `1 to ${n.count}`);
  if (!(n.from <= n.to && n.to <= n.total)) throw new ReportShapeError(`${at}.to`, 'from <= to <= total');
}

function pullRequest(v: unknown, at: string): void {
  fields(object(v, at), at, {
    number: (n, p) => {
      if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0)
        throw new ReportShapeError(p, 'a pull request number');
    },
    baseRef: string,
    headSha: string,
    runUrl: optional(string),
  });
}

/**
 * The configuration key picks the comment's marker. It is only accepted in the form schemagate
 * itself writes (what `sanitizeConfigKey` leaves unchanged): nothing that could end the HTML
 * comment it is written into, and never empty.
 */
function configKey(v: unknown, at: string): void {
  if (typeof v !== 'string' || v === '' || sanitizeConfigKey(v) !== v)
    throw new ReportShapeError(at, 'letters, digits and . _ : / @ + = , - (at most 200, no "--")');
}

/** The report, or a ReportShapeError naming the first bad field (`report.engines[0].status`). */
export function validateReport(value: unknown): Report {
  const r = object(value, 'report');
  if (r.version !== 1) throw new ReportShapeError('report.version', '1 (a report this schemagate can read)');
  fields(r, 'report', {
    status: oneOf(PASS_FAIL),
    tool: string,
    cwd: string,
    startedAt: string,
    durationMs: number,
    engines: (e, p) => array(e, p, engine),
    findings: (f, p) => array(f, p, finding),
    notes: optional((n, p) => array(n, p, string)),
    pullRequest: optional(pullRequest, true),
    configKey: optional(configKey, true),
  });
  return r as unknown as Report;
}
