/**
 * Postgres DDL from the model. Definitions are the server's own renderings (format_type,
 * pg_get_expr, pg_get_constraintdef, pg_get_indexdef, pg_get_viewdef, pg_get_functiondef,
 * pg_get_triggerdef), so most statements only put a name in front of them.
 */
import {
  type ColumnRef,
  type DdlWriter,
  type Relation,
  type Statements,
  stmt,
} from '../../schema/ddl/writer.js';
import type {
  Constraint,
  EnumType,
  Extension,
  Index,
  Namespace,
  Policy,
  Routine,
  Sequence,
  Table,
  Trigger,
  UserType,
  View,
} from '../../schema/model.js';
import { alterColumn, columnDefinition } from './ddl-columns.js';
import { pgComment, pgIdent, pgLiteral, pgQualified, pgRelation } from './ddl-quote.js';

const q = pgRelation;
const comment = pgComment;

/** An index definition without its name and table (`UNIQUE USING btree (email)`) as a CREATE INDEX. */
function createIndexSql(owner: Relation, i: Index): string {
  if (/^CREATE /.test(i.definition)) return i.definition;
  const unique = i.definition.startsWith('UNIQUE ');
  const rest = unique ? i.definition.slice('UNIQUE '.length) : i.definition;
  return `CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${pgIdent(i.name)} ON ${q(owner)} ${rest}`;
}

const TRIGGER_STATE = /\s\((DISABLE|ENABLE REPLICA|ENABLE ALWAYS)\)$/;

function tableOptionChanges(a: Table, b: Table): Statements {
  const t = q(b);
  const out: Statements = [];
  const rls = (o: Record<string, string>) => o.rls ?? '';
  if (rls(a.options) !== rls(b.options)) {
    const [enabled, forced] = [rls(b.options).startsWith('enabled'), rls(b.options).includes('forced')];
    if (enabled !== rls(a.options).startsWith('enabled')) {
      out.push(stmt(`ALTER TABLE ${t} ${enabled ? 'ENABLE' : 'DISABLE'} ROW LEVEL SECURITY`));
    }
    if (forced !== rls(a.options).includes('forced')) {
      out.push(stmt(`ALTER TABLE ${t} ${forced ? 'FORCE' : 'NO FORCE'} ROW LEVEL SECURITY`));
    }
  }
  if ((a.options.persistence ?? '') !== (b.options.persistence ?? '')) {
    out.push(stmt(`ALTER TABLE ${t} SET ${b.options.persistence === 'unlogged' ? 'UNLOGGED' : 'LOGGED'}`));
  }
  if ((a.options.storage ?? '') !== (b.options.storage ?? '')) {
    if (a.options.storage) {
      const names = a.options.storage.split(', ').map((o) => o.split('=')[0]);
      out.push(stmt(`ALTER TABLE ${t} RESET (${names.join(', ')})`));
    }
    if (b.options.storage) out.push(stmt(`ALTER TABLE ${t} SET (${b.options.storage})`));
  }
  return out;
}

export const postgresWriter: DdlWriter = {
  engine: 'postgres',
  foreignKeysNeedIndexes: false,
  // Function bodies may name tables created after them (pg_dump does the same).
  beforeRoutines: () => [stmt('SET check_function_bodies = false')],

  createNamespace: (n: Namespace) => [
    stmt(`CREATE SCHEMA ${pgIdent(n.name)}`),
    ...(n.comment ? comment(`SCHEMA ${pgIdent(n.name)}`, n.comment) : []),
  ],
  dropNamespace: (n) => [stmt(`DROP SCHEMA ${pgIdent(n.name)}`)],
  alterNamespace: (a, b) =>
    (a.comment ?? null) !== (b.comment ?? null) ? comment(`SCHEMA ${pgIdent(b.name)}`, b.comment) : [],

  createExtension: (e: Extension) => [
    stmt(
      `CREATE EXTENSION IF NOT EXISTS ${pgIdent(e.name)} WITH SCHEMA ${pgIdent(e.schema)} VERSION ${pgLiteral(e.version)}`,
    ),
  ],
  // An extension may own tables with data (PostGIS' spatial_ref_sys): dropping it can lose data.
  dropExtension: (e) => [stmt(`DROP EXTENSION ${pgIdent(e.name)}`, true)],
  alterExtension: (a, b) => [
    ...(a.schema !== b.schema
      ? [stmt(`ALTER EXTENSION ${pgIdent(b.name)} SET SCHEMA ${pgIdent(b.schema)}`)]
      : []),
    ...(a.version !== b.version
      ? [stmt(`ALTER EXTENSION ${pgIdent(b.name)} UPDATE TO ${pgLiteral(b.version)}`)]
      : []),
  ],

  createEnum: (e: EnumType) => [
    stmt(`CREATE TYPE ${q(e)} AS ENUM (${e.values.map(pgLiteral).join(', ')})`),
    ...(e.comment ? comment(`TYPE ${q(e)}`, e.comment) : []),
  ],
  alterEnum: (a, b, users) => alterEnum(a, b, users),
  dropEnum: (e) => [stmt(`DROP TYPE ${q(e)}`)],
  createType: (t: UserType) => {
    if (t.kind === 'domain') return [stmt(`CREATE DOMAIN ${q(t)} AS ${t.definition}`)];
    if (t.kind === 'composite') return [stmt(`CREATE TYPE ${q(t)} AS ${t.definition}`)];
    if (t.kind === 'range')
      return [stmt(`CREATE TYPE ${q(t)} AS RANGE (${t.definition.replace(/^SUBTYPE /, 'SUBTYPE = ')})`)];
    return [];
  },
  dropType: (t) => [stmt(`DROP ${t.kind === 'domain' ? 'DOMAIN' : 'TYPE'} ${q(t)}`)],

  createSequence: (s: Sequence) => [stmt(`CREATE SEQUENCE ${q(s)} ${sequenceOptions(s)}`)],
  alterSequence: (a, b) => {
    const changes: string[] = [];
    if (a.type !== b.type) changes.push(`AS ${b.type}`);
    if (a.increment !== b.increment) changes.push(`INCREMENT BY ${b.increment}`);
    if (a.min !== b.min) changes.push(`MINVALUE ${b.min}`);
    if (a.max !== b.max) changes.push(`MAXVALUE ${b.max}`);
    if (a.start !== b.start) changes.push(`START WITH ${b.start}`);
    if (a.cache !== b.cache) changes.push(`CACHE ${b.cache}`);
    if (a.cycle !== b.cycle) changes.push(b.cycle ? 'CYCLE' : 'NO CYCLE');
    if (a.ownedBy !== b.ownedBy) changes.push(`OWNED BY ${b.ownedBy ? ownerRef(b.ownedBy) : 'NONE'}`);
    return changes.length ? [stmt(`ALTER SEQUENCE ${q(b)} ${changes.join(' ')}`)] : [];
  },
  ownSequence: (s) => (s.ownedBy ? [stmt(`ALTER SEQUENCE ${q(s)} OWNED BY ${ownerRef(s.ownedBy)}`)] : []),
  // A sequence's current value is state the application relies on.
  dropSequence: (s) => [stmt(`DROP SEQUENCE ${q(s)}`, true)],

  createTable: (t: Table) => createTable(t),
  dropTable: (t) => [stmt(`DROP TABLE ${q(t)}`, true)],
  alterTable: (a, b) => [
    ...tableOptionChanges(a, b),
    ...((a.comment ?? null) !== (b.comment ?? null) ? comment(`TABLE ${q(b)}`, b.comment) : []),
  ],
  addColumn: (t, c) => [
    stmt(`ALTER TABLE ${q(t)} ADD COLUMN ${columnDefinition(c)}`),
    ...(c.comment ? comment(`COLUMN ${q(t)}.${pgIdent(c.name)}`, c.comment) : []),
  ],
  dropColumn: (t, c) => [stmt(`ALTER TABLE ${q(t)} DROP COLUMN ${pgIdent(c.name)}`, true)],
  alterColumn: (t, a, b) => alterColumn(t, a, b),
  addConstraint: (t, c: Constraint) => [
    stmt(`ALTER TABLE ${q(t)} ADD CONSTRAINT ${pgIdent(c.name)} ${c.definition}`),
  ],
  dropConstraint: (t, c) => [stmt(`ALTER TABLE ${q(t)} DROP CONSTRAINT ${pgIdent(c.name)}`)],
  ownedByConstraint: (_t, i) => !!i.constraint,
  createIndex: (owner, i) => [stmt(createIndexSql(owner, i))],
  dropIndex: (owner, i) => [stmt(`DROP INDEX ${pgQualified(owner.schema, i.name)}`)],

  createView: (v: View) => {
    let body = v.definition.trim().replace(/;\s*$/, '');
    let options = '';
    const m = /^(WITH \([^)]*\))\n/.exec(body);
    if (m) {
      options = ` ${m[1]}`;
      body = body.slice(m[0].length);
    }
    const kind = v.materialized ? 'MATERIALIZED VIEW' : 'VIEW';
    return [
      stmt(`CREATE ${kind} ${q(v)}${options} AS\n${body}`),
      ...(v.comment ? comment(`${kind} ${q(v)}`, v.comment) : []),
    ];
  },
  dropView: (v) => [stmt(`DROP ${v.materialized ? 'MATERIALIZED VIEW' : 'VIEW'} ${q(v)}`)],
  alterView: (a, b) =>
    (a.comment ?? null) !== (b.comment ?? null)
      ? comment(`${b.materialized ? 'MATERIALIZED VIEW' : 'VIEW'} ${q(b)}`, b.comment)
      : [],

  createRoutine: (r: Routine) => [stmt(r.definition.trim())],
  // pg_get_functiondef writes CREATE OR REPLACE: a changed body is replaced in place.
  replaceRoutine: (_a, b) => [stmt(b.definition.trim())],
  dropRoutine: (r) => [
    stmt(`DROP ${r.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION'} ${q(r)}(${r.arguments})`),
  ],

  createTrigger: (t: Table, tr: Trigger) => {
    const state = TRIGGER_STATE.exec(tr.definition);
    const sql = state ? tr.definition.slice(0, state.index) : tr.definition;
    return [
      stmt(sql),
      ...(state ? [stmt(`ALTER TABLE ${q(t)} ${state[1]} TRIGGER ${pgIdent(tr.name)}`)] : []),
    ];
  },
  dropTrigger: (t, tr) => [stmt(`DROP TRIGGER ${pgIdent(tr.name)} ON ${q(t)}`)],
  createPolicy: (t, p: Policy) => [stmt(`CREATE POLICY ${pgIdent(p.name)} ON ${q(t)} ${p.definition}`)],
  dropPolicy: (t, p) => [stmt(`DROP POLICY ${pgIdent(p.name)} ON ${q(t)}`)],
};

function ownerRef(ownedBy: string): string {
  const first = ownedBy.indexOf('.');
  const last = ownedBy.lastIndexOf('.');
  return `${pgIdent(ownedBy.slice(0, first))}.${pgIdent(ownedBy.slice(first + 1, last))}.${pgIdent(ownedBy.slice(last + 1))}`;
}

function sequenceOptions(s: Sequence): string {
  return [
    `AS ${s.type}`,
    `INCREMENT BY ${s.increment}`,
    `MINVALUE ${s.min}`,
    `MAXVALUE ${s.max}`,
    `START WITH ${s.start}`,
    `CACHE ${s.cache}`,
    s.cycle ? 'CYCLE' : 'NO CYCLE',
  ].join(' ');
}

function createTable(t: Table): Statements {
  const name = q(t);
  const out: Statements = [];
  const partitionOf = t.options['partition of'];
  if (partitionOf) {
    // Columns and constraints come from the parent; the option holds `parent FOR VALUES ...`.
    out.push(stmt(`CREATE TABLE ${name} PARTITION OF ${partitionOf}`));
  } else {
    const lines = Object.values(t.columns)
      .sort((x, y) => x.position - y.position)
      .map(columnDefinition);
    for (const c of Object.values(t.constraints)) {
      if (c.kind !== 'foreign key') lines.push(`CONSTRAINT ${pgIdent(c.name)} ${c.definition}`);
    }
    const unlogged = t.options.persistence === 'unlogged' ? 'UNLOGGED ' : '';
    let tail = '';
    if (t.options.inherits) tail += ` INHERITS (${t.options.inherits})`;
    if (t.options['partition by']) tail += ` PARTITION BY ${t.options['partition by']}`;
    if (t.options.storage) tail += ` WITH (${t.options.storage})`;
    out.push(stmt(`CREATE ${unlogged}TABLE ${name} (\n  ${lines.join(',\n  ')}\n)${tail}`));
  }
  if (t.options.rls)
    out.push(...tableOptionChanges({ ...t, options: {} }, { ...t, options: { rls: t.options.rls } }));
  if (t.comment) out.push(...comment(`TABLE ${name}`, t.comment));
  for (const c of Object.values(t.columns)) {
    if (c.comment) out.push(...comment(`COLUMN ${name}.${pgIdent(c.name)}`, c.comment));
  }
  return out;
}

/**
 * New labels are added in place. A label removed or moved needs a new type: the old one is renamed,
 * the new one created, every column converted through text, and the old type dropped. Rows holding a
 * removed label make the conversion fail, so those statements are destructive.
 */
function alterEnum(a: EnumType, b: EnumType, users: ColumnRef[]): Statements {
  const name = q(b);
  let j = 0;
  for (const label of b.values) if (label === a.values[j]) j++;
  if (j === a.values.length) {
    const present = new Set(a.values);
    const out: Statements = [];
    b.values.forEach((label, i) => {
      if (present.has(label)) return;
      const place =
        i > 0
          ? ` AFTER ${pgLiteral(b.values[i - 1]!)}`
          : b.values.length > 1 && present.has(b.values[1]!)
            ? ` BEFORE ${pgLiteral(b.values[1]!)}`
            : '';
      out.push(stmt(`ALTER TYPE ${name} ADD VALUE ${pgLiteral(label)}${place}`));
      present.add(label);
    });
    if ((a.comment ?? null) !== (b.comment ?? null)) out.push(...comment(`TYPE ${name}`, b.comment));
    return out;
  }
  const lost = a.values.some((v) => !b.values.includes(v));
  const old = pgQualified(b.schema, `${b.name}__schemagate_old`);
  const out: Statements = [
    stmt(`ALTER TYPE ${name} RENAME TO ${pgIdent(`${b.name}__schemagate_old`)}`),
    stmt(`CREATE TYPE ${name} AS ENUM (${b.values.map(pgLiteral).join(', ')})`),
  ];
  for (const { table, column } of users) {
    const t = q(table);
    const col = pgIdent(column.name);
    const array = column.type.endsWith('[]') ? '[]' : '';
    const after = table.columns[column.name]?.default ?? null;
    if (column.default !== null) out.push(stmt(`ALTER TABLE ${t} ALTER COLUMN ${col} DROP DEFAULT`));
    out.push(
      stmt(
        `ALTER TABLE ${t} ALTER COLUMN ${col} TYPE ${name}${array} USING ${col}::text${array}::${name}${array}`,
        lost,
      ),
    );
    if (after !== null) out.push(stmt(`ALTER TABLE ${t} ALTER COLUMN ${col} SET DEFAULT ${after}`));
  }
  out.push(stmt(`DROP TYPE ${old}`));
  if (b.comment) out.push(...comment(`TYPE ${name}`, b.comment));
  return out;
}
