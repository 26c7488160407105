/**
 * The `--write-migration` file: it follows the folder's existing migrations (TypeScript, ESM or
 * CommonJS), sorts after them, and knex loads it. The fixtures test runs such files up and down on
 * real servers; this one checks each style loads and does what it says.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createJiti } from 'jiti';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DriftStatement } from '../../../src/report/model.js';
import { writeKnexMigration } from '../../../src/schema/ddl/knex-migration.js';

const up: DriftStatement[] = [
  { sql: 'ALTER TABLE public.users ADD COLUMN nickname text', destructive: false },
  // A backtick, a template placeholder and a backslash: the file must hold them verbatim.
  {
    sql: `COMMENT ON TABLE public.users IS 'a \`tick\`, a $\{brace} and a \\ backslash'`,
    destructive: false,
  },
  { sql: 'ALTER TABLE public.users DROP COLUMN legacy', destructive: true },
];
const down: DriftStatement[] = [{ sql: 'ALTER TABLE public.users DROP COLUMN nickname', destructive: true }];

/** A fake knex that records what the migration runs. */
function recorder() {
  const ran: string[] = [];
  return { ran, knex: { raw: async (sql: string) => ran.push(sql) } };
}

type MigrationModule = {
  up: (k: unknown) => Promise<void>;
  down: (k: unknown) => Promise<void>;
  config?: unknown;
};

async function load(file: string): Promise<MigrationModule> {
  return (await createJiti(import.meta.url, { moduleCache: false }).import(file)) as MigrationModule;
}

describe('writeKnexMigration', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sg-knexmig-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes CommonJS in a folder of CommonJS migrations, sorting after the newest', async () => {
    const migrations = join(dir, 'migrations');
    await mkdir(migrations);
    await writeFile(join(dir, 'package.json'), '{"type":"commonjs"}');
    await writeFile(join(migrations, '20991231235959_future.js'), 'exports.up = async () => {};\n');
    const file = await writeKnexMigration({
      dir: migrations,
      up,
      down,
      source: 'schema.sql',
      now: new Date(2024, 0, 2, 3, 4, 5),
    });
    expect(basename(file)).toBe('21000101000000_schemagate_drift.js');
    const text = await readFile(file, 'utf8');
    expect(text).toContain('exports.up = async function up(knex)');
    expect(text).toContain(
      '// DESTRUCTIVE: loses data\n  await knex.raw(`ALTER TABLE public.users DROP COLUMN legacy`);',
    );
    const m = await load(file);
    const r = recorder();
    await m.up(r.knex);
    expect(r.ran).toEqual(up.map((s) => s.sql));
    const d = recorder();
    await m.down(d.knex);
    expect(d.ran).toEqual(down.map((s) => s.sql));
  });

  it('writes TypeScript next to TypeScript migrations, ESM in an ESM package', async () => {
    await writeFile(join(dir, '20240101000000_init.ts'), 'export async function up() {}\n');
    const ts = await writeKnexMigration({
      dir,
      up,
      down,
      source: 'models.ts',
      now: new Date(2024, 5, 1, 12, 0, 0),
    });
    expect(basename(ts)).toBe('20240601120000_schemagate_drift.ts');
    expect(await readFile(ts, 'utf8')).toContain("import type { Knex } from 'knex';");
    const r = recorder();
    await (await load(ts)).up(r.knex);
    expect(r.ran).toEqual(up.map((s) => s.sql));

    const esmDir = join(dir, 'esm');
    await mkdir(esmDir);
    await writeFile(join(esmDir, 'package.json'), '{"type":"module"}');
    const esm = await writeKnexMigration({ dir: esmDir, up, down, source: 'x' });
    expect(await readFile(esm, 'utf8')).toContain('export async function up(knex) {');
  });

  it('runs without a transaction when it adds an enum label (Postgres cannot use it in the same one)', async () => {
    const file = await writeKnexMigration({
      dir,
      up: [{ sql: "ALTER TYPE public.mood ADD VALUE 'meh' AFTER 'happy'", destructive: false }],
      down: [],
      source: 'x',
    });
    const m = await load(file);
    expect(m.config).toEqual({ transaction: false });
    const r = recorder();
    await m.down(r.knex);
    expect(r.ran).toEqual([]);
  });
});
