/**
 * Bad drift input through the real CLI: exit 2, one line that names the file, flag or command (and
 * what the command said, without its password), and nothing left behind on the server. Input that
 * can be checked without a database (`--ignore`, `--write-migration`) fails before any starts.
 */
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { errorLine, FIXTURES } from '../../helpers/cli.js';
import { leftoverDatabases } from '../../helpers/leftovers.js';
import { type PasswordServer, startPasswordPostgres } from '../../helpers/password-postgres.js';
import { check, DRIFT_CLI, ENGINES, leftoversAfterRun } from './harness.js';

const BAD = path.join(DRIFT_CLI, 'bad-models');
const AGREE = path.join(DRIFT_CLI, 'models-agree');
/** Nothing listens here: a run that got as far as connecting would fail with a connection error. */
const NOWHERE = ['--provider', 'url', '--url', 'postgres://postgres@127.0.0.1:9/postgres'];

describe.each(ENGINES)('bad models ($name)', (engine) => {
  afterEach(async () => {
    expect(await leftoversAfterRun(engine)).toEqual([]);
  });

  const run = (models: string[]) => check(BAD, ['--migrations', 'migrations', ...models, ...engine.args]);

  it('a models module that does not load names the file, line and column', async () => {
    const r = await run(['--models', 'syntax-error.ts']);
    expect(r.code).toBe(2);
    expect(r.report).toBeNull();
    expect(errorLine(r.stderr)).toMatch(
      /^schemagate: --models syntax-error\.ts:5:25: cannot load the module: ParseError: Unexpected token/,
    );
  });

  it('a models module that throws names the file and says what it threw', async () => {
    const r = await run(['--models', 'throws.js']);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toContain(
      '--models throws.js: the models module threw: the accounts model is not written yet',
    );
  });

  it('a schema.sql the server refuses names the file and the line', async () => {
    const r = await run(['--models', 'broken.sql']);
    expect(r.code).toBe(2);
    const line = errorLine(r.stderr);
    expect(line).toMatch(/^schemagate: --models broken\.sql:\d+/);
    expect(line).toMatch(/varchr/);
  });

  it('a models command that exits non-zero shows its stderr', async () => {
    const r = await run(['--models-command', 'echo "models: cannot sync the accounts table" >&2; exit 3']);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toContain(
      `--models-command "echo "models: cannot sync the accounts table" >&2; exit 3" exited with code 3`,
    );
    expect(r.stderr).toContain('\n  models: cannot sync the accounts table');
  });
});

describe('a failing models command on a server with a password', () => {
  const PASSWORD = 'Sg-drift-s3cret';
  let server: PasswordServer;
  beforeAll(async () => {
    server = await startPasswordPostgres(PASSWORD);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('shows what the command printed with the URL and the password masked', async () => {
    const r = await check(BAD, [
      '--migrations',
      'migrations',
      '--models-command',
      'echo "cannot reach $DATABASE_URL as $PGUSER with $PGPASSWORD" >&2; exit 4',
      '--provider',
      'url',
      '--url',
      server.url,
    ]);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toContain('exited with code 4');
    expect(r.stderr).toContain('cannot reach *** as postgres with ***');
    expect(`${r.stdout}${r.stderr}`).not.toContain(PASSWORD);
    expect(await leftoverDatabases(server.url)).toEqual([]);
  });
});

describe('drift input checked before any database starts', () => {
  it('a bad --ignore pattern', async () => {
    const r = await check(AGREE, [
      '--migrations',
      'migrations',
      '--models',
      'models.js',
      '--ignore',
      'tabel:users',
      ...NOWHERE,
    ]);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toContain("--ignore tabel:users: unknown kind 'tabel'");
  });

  it('--write-migration in a project that is not a knex one', async () => {
    const r = await check(path.join(FIXTURES, 'sql', 'golang-pg'), [
      '--migrations',
      'migrations',
      '--models-command',
      'true',
      '--write-migration',
      'migrations',
      ...NOWHERE,
    ]);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toContain(
      '--write-migration migrations: writes knex migrations, and this is a sql project',
    );
  });

  it('--write-migration without models', async () => {
    const r = await check(AGREE, [
      '--migrations',
      'migrations',
      '--write-migration',
      'migrations',
      ...NOWHERE,
    ]);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toContain('--write-migration migrations needs models to compare with');
  });

  it('--write-migration with two engines', async () => {
    const r = await check(AGREE, [
      '--migrations',
      'migrations',
      '--models',
      'models.js',
      '--write-migration',
      'migrations',
      '--engine',
      'postgres',
      '--engine',
      'mariadb',
      ...NOWHERE,
    ]);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toContain(
      "--write-migration migrations: the migration holds one engine's SQL",
    );
  });
});
