/**
 * TypeORM projects through the real CLI, on the local Postgres and MariaDB, with the tool detected
 * from the project (data-source.ts, ormconfig.json, a bare --migrations folder of classes): every
 * check, the report and the comment work as for the other tools, the SQL shown is the SQL the
 * QueryRunner sent, and the project's own typeorm runs the migrations.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ALL_PASS,
  check,
  checkLines,
  ENGINES,
  errorLines,
  expectSqlInMarkdown,
  fixture,
  postgres,
  removeTempProjects,
  tempProject,
} from './harness.js';

afterAll(removeTempProjects);

describe.each(ENGINES)('TypeORM on $name', (engine) => {
  it('a correct history (data-source.ts, TS classes, a transaction = false one) passes, its SQL as it ran', async () => {
    const r = await check(fixture('typeorm', 'clean'), engine.args);
    expect(r.code, r.stderr).toBe(0);
    expect(r.report!.tool).toBe('typeorm');
    expect(checkLines(r.engine!)).toEqual([
      `CreateUsers1700000000000: ${ALL_PASS}`,
      `CreatePosts1700000100000: ${ALL_PASS}`,
      `AddNickname1700000200000: ${ALL_PASS}`,
    ]);
    expect(r.engine!.migrations.map((m) => m.file)).toEqual([
      'src/migrations/1700000000000-CreateUsers.ts',
      'src/migrations/1700000100000-CreatePosts.ts',
      'src/migrations/1700000200000-AddNickname.ts',
    ]);
    const nickname = r.engine!.migrations[2]!;
    // The QueryRunner's catalog reads are not shown; the insert's parameters are inlined.
    expect(nickname.sql.up).toHaveLength(3);
    expect(nickname.sql.up[0]).toMatch(/^ALTER TABLE ["`]users["`] ADD ["`]nickname["`] varchar\(100\)/);
    expect(nickname.sql.up[2]).toMatch(
      /^INSERT INTO ["`]settings["`]\(["`]key["`], ["`]value["`]\) VALUES \('theme', 'it(''|\\')s dark'\)$/,
    );
    expect(nickname.sql.down).toHaveLength(2);
    for (const m of r.engine!.migrations) {
      expect(m.sql.up.join('\n')).not.toMatch(/information_schema|schemagate_/i);
    }
    expectSqlInMarkdown(r.markdown!, r.engine!.migrations);
  });

  it('a down that forgets an index (ormconfig.json, JS classes) fails the round-trip, naming the index', async () => {
    const r = await check(fixture('typeorm', 'forgot-index'), engine.args);
    expect(r.code, r.stderr).toBe(1);
    expect(r.report!.tool).toBe('typeorm');
    expect(checkLines(r.engine!)).toEqual([
      `CreateAccounts1710000000000: ${ALL_PASS}`,
      'AccountsCreatedIndex1710000100000: up pass, round-trip fail, re-apply fail',
    ]);
    const failed = r.engine!.migrations[1]!;
    const roundTrip = failed.checks.find((c) => c.check === 'round-trip')!;
    const table = engine.name === 'postgres' ? 'public.accounts' : 'accounts';
    expect(roundTrip.differences!.map((d) => `${d.change} ${d.object}`)).toEqual([
      `added index IDX_accounts_created_at on ${table}`,
    ]);
    expect(failed.checks.find((c) => c.check === 're-apply')!.error!.statement).toMatch(
      /^CREATE INDEX ["`]IDX_accounts_created_at["`] ON ["`]accounts["`] +\(["`]created_at["`]\) ?$/,
    );
    expect(r.markdown).toContain('IDX_accounts_created_at');
    expect(r.stdout).toContain(
      'AccountsCreatedIndex1710000100000 (migrations/1710000100000-AccountsCreatedIndex.js):',
    );
  });
});

describe('TypeORM: a bare --migrations folder, and a project without typeorm', () => {
  it('orders by the class name timestamp and runs a transaction = false migration outside a transaction', async () => {
    // CREATE INDEX CONCURRENTLY fails inside a transaction; the folder sorts the index first by file name.
    const r = await check(fixture('typeorm', 'no-transaction'), [...postgres.args, '--migrations', 'db']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.report!.tool).toBe('typeorm');
    expect(checkLines(r.engine!)).toEqual([
      `Orders1720000000000: ${ALL_PASS}`,
      `OrdersIndex1720000100000: ${ALL_PASS}`,
    ]);
    expect(r.engine!.migrations[0]!.sql.up[1]).toBe('INSERT INTO "orders" ("total") VALUES (9.5), (12)');
    expect(r.engine!.migrations[1]!.sql.up).toEqual([
      'CREATE INDEX CONCURRENTLY "IDX_orders_total" ON "orders" ("total")',
    ]);
  });

  it('says in one line which package to install when the project has no typeorm', async () => {
    // Outside the repository, so nothing resolves typeorm by walking up.
    const dir = tempProject('typeorm-missing');
    mkdirSync(path.join(dir, 'src', 'migrations'), { recursive: true });
    writeFileSync(
      path.join(dir, 'src', 'data-source.ts'),
      "import { DataSource } from 'typeorm';\nexport const AppDataSource = new DataSource({ type: 'postgres', migrations: ['src/migrations/*.ts'] });\n",
    );
    const r = await check(dir, postgres.args);
    expect(r.code).toBe(2);
    expect(r.report).toBeNull();
    const lines = errorLines(r.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`typeorm is not installed in ${dir}`);
    expect(lines[0]).toContain('npm install typeorm');
  });
});
