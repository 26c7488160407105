/**
 * MySQL and MariaDB DDL from the model. The dialect has already put both servers' renderings into one
 * form (defaults as SQL literals, `CURRENT_TIMESTAMP`, expressions without outer parentheses); where
 * the two servers' DDL differs, the writer says so (`mariadb` below).
 */
import { typeChangeLosesData } from '../../schema/ddl/narrowing.js';
import { type DdlWriter, type Relation, type Statements, stmt } from '../../schema/ddl/writer.js';
import type { Column, Constraint, EngineName, Index, Sequence, Table, View } from '../../schema/model.js';
import { mysqlIdent as id, mysqlLiteral } from './ddl-quote.js';

/** A default that is a literal (written bare); anything else is an expression and needs parentheses. */
function defaultClause(value: string): string {
  const literal =
    /^'(?:[^'\\]|\\.|'')*'$/s.test(value) ||
    /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(value) ||
    /^[bx]'[0-9a-f]*'$/i.test(value) ||
    /^CURRENT_TIMESTAMP(\(\d*\))?$/i.test(value) ||
    /^(NULL|TRUE|FALSE)$/i.test(value);
  return literal ? value : `(${value})`;
}

function columnDefinition(c: Column): string {
  const parts = [id(c.name), c.type];
  if (c.charset) parts.push(`CHARACTER SET ${c.charset}`);
  if (c.collation) parts.push(`COLLATE ${c.collation}`);
  if (c.generated) {
    const m = /^([\s\S]*)\s+(stored|virtual)$/i.exec(c.generated.trim());
    parts.push(`GENERATED ALWAYS AS (${m ? m[1] : c.generated}) ${m ? m[2]!.toUpperCase() : 'VIRTUAL'}`);
  }
  // MariaDB takes no NULL after a generated column's expression; NOT NULL only where asked for.
  if (!c.nullable) parts.push('NOT NULL');
  else if (!c.generated) parts.push('NULL');
  if (c.default !== null && !c.generated) parts.push(`DEFAULT ${defaultClause(c.default)}`);
  if (c.onUpdate) parts.push(`ON UPDATE ${c.onUpdate}`);
  if (c.identity === 'auto_increment') parts.push('AUTO_INCREMENT');
  if (c.comment) parts.push(`COMMENT ${mysqlLiteral(c.comment)}`);
  return parts.join(' ');
}

/** The parts of an index definition that are not in its fields: `COMMENT '...'` and `INVISIBLE`. */
function indexTail(i: Index): string {
  const comment = / COMMENT ('(?:[^'\\]|\\.|'')*')/.exec(i.definition);
  const invisible = /\sINVISIBLE$/.test(i.definition);
  return `${comment ? ` COMMENT ${comment[1]}` : ''}${invisible ? ' INVISIBLE' : ''}`;
}

function indexKind(i: Index): string {
  if (i.method === 'fulltext') return 'FULLTEXT ';
  if (i.method === 'spatial') return 'SPATIAL ';
  return i.unique ? 'UNIQUE ' : '';
}

function indexUsing(i: Index): string {
  return i.method === 'btree' || i.method === 'hash' ? ` USING ${i.method.toUpperCase()}` : '';
}

/** `UNIQUE KEY name (cols) USING BTREE` inside CREATE TABLE / ALTER TABLE ADD. */
function keyClause(i: Index): string {
  if (i.name === 'PRIMARY') return `PRIMARY KEY (${i.columns.join(', ')})${indexUsing(i)}${indexTail(i)}`;
  return `${indexKind(i)}KEY ${id(i.name)} (${i.columns.join(', ')})${indexUsing(i)}${indexTail(i)}`;
}

/** CREATE_OPTIONS keys that CREATE TABLE takes back as table options. */
function tableOptions(t: Table): string {
  const parts: string[] = [];
  if (t.options.engine) parts.push(`ENGINE=${t.options.engine}`);
  if (t.options.charset) parts.push(`DEFAULT CHARSET=${t.options.charset}`);
  if (t.options.collation) parts.push(`COLLATE=${t.options.collation}`);
  for (const [key, value] of Object.entries(t.options)) {
    if (['engine', 'charset', 'collation'].includes(key) || value === 'yes') continue;
    parts.push(`${key.toUpperCase()}=${value}`);
  }
  if (t.comment) parts.push(`COMMENT=${mysqlLiteral(t.comment)}`);
  return parts.join(' ');
}

function alterColumn(t: Table, a: Column, b: Column): Statements {
  const table = id(t.name);
  if ((a.generated ?? null) !== (b.generated ?? null)) {
    // MySQL cannot turn a column into a generated one (or back) in place.
    return [
      stmt(`ALTER TABLE ${table} DROP COLUMN ${id(a.name)}`, !a.generated),
      stmt(`ALTER TABLE ${table} ADD COLUMN ${columnDefinition(b)}`),
    ];
  }
  const narrowing = typeChangeLosesData('mysql', a.type, b.type);
  // Converting to another character set loses what the new one cannot store.
  const recoded = (a.charset ?? null) !== (b.charset ?? null) && !(b.charset ?? '').startsWith('utf8mb4');
  return [stmt(`ALTER TABLE ${table} MODIFY COLUMN ${columnDefinition(b)}`, narrowing || recoded)];
}

function createView(v: View): string {
  let body = v.definition.trim();
  let security = '';
  if (body.startsWith('SQL SECURITY INVOKER ')) {
    security = 'SQL SECURITY INVOKER ';
    body = body.slice('SQL SECURITY INVOKER '.length);
  }
  return `CREATE ${security}VIEW ${id(v.name)} AS ${body}`;
}

function sequenceOptions(s: Sequence): string {
  return [
    `START WITH ${s.start}`,
    `INCREMENT BY ${s.increment}`,
    `MINVALUE ${s.min}`,
    `MAXVALUE ${s.max}`,
    Number(s.cache) > 0 ? `CACHE ${s.cache}` : 'NOCACHE',
    s.cycle ? 'CYCLE' : 'NOCYCLE',
  ].join(' ');
}

export function mysqlWriter(engine: EngineName): DdlWriter {
  const mariadb = engine === 'mariadb';
  const none = (): Statements => [];
  return {
    engine,
    foreignKeysNeedIndexes: true,
    beforeRoutines: none,
    createNamespace: none,
    dropNamespace: none,
    alterNamespace: none,
    createExtension: none,
    dropExtension: none,
    alterExtension: none,
    createEnum: none,
    alterEnum: none,
    dropEnum: none,
    createType: none,
    dropType: none,

    createSequence: (s) => [stmt(`CREATE SEQUENCE ${id(s.name)} ${sequenceOptions(s)}`)],
    alterSequence: (_a, b) => [
      stmt(`ALTER SEQUENCE ${id(b.name)} ${sequenceOptions(b).replace('START WITH', 'RESTART WITH')}`),
    ],
    ownSequence: none,
    dropSequence: (s) => [stmt(`DROP SEQUENCE ${id(s.name)}`, true)],

    createTable: (t) => {
      const lines = Object.values(t.columns)
        .sort((x, y) => x.position - y.position)
        .map(columnDefinition);
      // Keys that constraints stand for go inline (AUTO_INCREMENT needs its key in the same statement).
      for (const i of Object.values(t.indexes)) if (i.constraint) lines.push(keyClause(i));
      for (const c of Object.values(t.constraints)) {
        if (c.kind === 'check') lines.push(`CONSTRAINT ${id(c.name)} ${c.definition}`);
      }
      const options = tableOptions(t);
      return [
        stmt(`CREATE TABLE ${id(t.name)} (\n  ${lines.join(',\n  ')}\n)${options ? ` ${options}` : ''}`),
      ];
    },
    dropTable: (t) => [stmt(`DROP TABLE ${id(t.name)}`, true)],
    alterTable: (a, b) => {
      const changes: string[] = [];
      if (a.options.engine !== b.options.engine && b.options.engine)
        changes.push(`ENGINE=${b.options.engine}`);
      if (a.options.collation !== b.options.collation && b.options.collation) {
        // Only the table's default: columns keep theirs (the model lists them where they differ).
        changes.push(`DEFAULT CHARSET=${b.options.charset} COLLATE=${b.options.collation}`);
      }
      for (const key of new Set([...Object.keys(a.options), ...Object.keys(b.options)])) {
        if (['engine', 'charset', 'collation'].includes(key) || a.options[key] === b.options[key]) continue;
        const value = b.options[key];
        if (value !== undefined && value !== 'yes') changes.push(`${key.toUpperCase()}=${value}`);
        else if (value === undefined && a.options[key] !== 'yes')
          changes.push(`${key.toUpperCase()}=DEFAULT`);
      }
      if ((a.comment ?? null) !== (b.comment ?? null))
        changes.push(`COMMENT=${mysqlLiteral(b.comment ?? '')}`);
      return changes.length ? [stmt(`ALTER TABLE ${id(b.name)} ${changes.join(' ')}`)] : [];
    },
    addColumn: (t, c) => [stmt(`ALTER TABLE ${id(t.name)} ADD COLUMN ${columnDefinition(c)}`)],
    dropColumn: (t, c) => [stmt(`ALTER TABLE ${id(t.name)} DROP COLUMN ${id(c.name)}`, true)],
    alterColumn,
    addConstraint: (t, c: Constraint) => {
      const table = id(t.name);
      if (c.kind === 'primary key' || c.kind === 'unique') {
        const index = t.indexes[c.name];
        if (index) return [stmt(`ALTER TABLE ${table} ADD ${keyClause(index)}`)];
        const cols = c.columns.map(id).join(', ');
        return [
          stmt(
            `ALTER TABLE ${table} ADD ${c.kind === 'unique' ? `UNIQUE KEY ${id(c.name)}` : 'PRIMARY KEY'} (${cols})`,
          ),
        ];
      }
      return [stmt(`ALTER TABLE ${table} ADD CONSTRAINT ${id(c.name)} ${c.definition}`)];
    },
    dropConstraint: (t, c) => {
      const table = id(t.name);
      if (c.kind === 'primary key') return [stmt(`ALTER TABLE ${table} DROP PRIMARY KEY`)];
      if (c.kind === 'unique') return [stmt(`ALTER TABLE ${table} DROP INDEX ${id(c.name)}`)];
      if (c.kind === 'foreign key') return [stmt(`ALTER TABLE ${table} DROP FOREIGN KEY ${id(c.name)}`)];
      // MySQL 8.0.16-8.0.18 know only DROP CHECK; MariaDB only DROP CONSTRAINT.
      return [stmt(`ALTER TABLE ${table} DROP ${mariadb ? 'CONSTRAINT' : 'CHECK'} ${id(c.name)}`)];
    },
    ownedByConstraint: (_t, i) => !!i.constraint,
    createIndex: (owner: Relation, i: Index) => [
      stmt(
        `CREATE ${indexKind(i)}INDEX ${id(i.name)} ON ${id(owner.name)} (${i.columns.join(', ')})${indexUsing(i)}${indexTail(i)}`,
      ),
    ],
    dropIndex: (owner, i) => [stmt(`DROP INDEX ${id(i.name)} ON ${id(owner.name)}`)],

    createView: (v) => [stmt(createView(v))],
    dropView: (v) => [stmt(`DROP VIEW ${id(v.name)}`)],
    alterView: none,
    createRoutine: (r) => [stmt(`CREATE ${r.definition.trim()}`)],
    // MySQL has no CREATE OR REPLACE for routines.
    replaceRoutine: (a, b) => [
      stmt(`DROP ${a.kind.toUpperCase()} ${id(a.name)}`),
      stmt(`CREATE ${b.definition.trim()}`),
    ],
    dropRoutine: (r) => [stmt(`DROP ${r.kind.toUpperCase()} ${id(r.name)}`)],
    createTrigger: (t, tr) => {
      // The model writes `BEFORE INSERT [ORDER n] FOR EACH ROW body`; ORDER is informational.
      const m = /^(BEFORE|AFTER) (INSERT|UPDATE|DELETE)(?: ORDER \d+)? FOR EACH ROW ([\s\S]*)$/i.exec(
        tr.definition,
      );
      if (!m) return [];
      return [stmt(`CREATE TRIGGER ${id(tr.name)} ${m[1]} ${m[2]} ON ${id(t.name)} FOR EACH ROW ${m[3]}`)];
    },
    dropTrigger: (_t, tr) => [stmt(`DROP TRIGGER ${id(tr.name)}`)],
    createPolicy: none,
    dropPolicy: none,
  };
}
