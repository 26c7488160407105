/**
 * The three model sources on real servers: DDL files, a knex module and a command. What a user
 * observes: the models' schema in the database, or one ConfigError line naming the file or command
 * with the server's (or the command's) own message, and no connection or process left behind.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AbortedError, ConfigError, UsageError } from '../../src/errors.js';
import { type Logger, silentLogger } from '../../src/log.js';
import { CommandModelSource } from '../../src/models/command-models.js';
import { createModelSource } from '../../src/models/index.js';
import type { ModelSource } from '../../src/models/model-source.js';
import { type EngineHarness, mysqlHarness, postgres } from '../helpers/local-engines.js';
import type { TestDatabase } from '../helpers/servers.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'drift-models');

function source(
  models: string[],
  modelsCommand: string | null = null,
  log: Logger = silentLogger,
): ModelSource {
  const s = createModelSource(
    { cwd: DIR, models: models.map((m) => join(DIR, m)), modelsCommand, timeoutMs: 60_000 },
    log,
  );
  if (!s) throw new Error('no model source');
  return s;
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

async function pgConnections(database: string): Promise<number> {
  const c = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await c.connect();
  try {
    const r = await c.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [database]);
    return r.rows[0].n as number;
  } finally {
    await c.end();
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('createModelSource', () => {
  it('is null without models, and names each source', () => {
    expect(
      createModelSource({ cwd: DIR, models: [], modelsCommand: null, timeoutMs: 1000 }, silentLogger),
    ).toBeNull();
    expect(source(['good/dump.pg.sql']).describe).toBe('good/dump.pg.sql');
    expect(source(['good/models.ts']).describe).toBe('good/models.ts');
    expect(source([], 'npx prisma db push').describe).toBe('command: npx prisma db push');
    expect(source(['good/dump.pg.sql'], 'make models').describe).toBe(
      'good/dump.pg.sql + command: make models',
    );
  });

  it('refuses a file of unknown kind, naming it', () => {
    expect(() => source(['schema.prisma'])).toThrow(UsageError);
    expect(() => source(['schema.prisma'])).toThrow('--models schema.prisma: unknown kind of models file');
  });
});

function suite(label: string, harness: () => Promise<EngineHarness>) {
  describe(`model sources on ${label}`, () => {
    let h: EngineHarness;
    const dbs: TestDatabase[] = [];
    const fresh = async () => {
      const db = await h.create();
      dbs.push(db);
      return db;
    };
    beforeAll(async () => {
      h = await harness();
    });
    afterAll(async () => {
      await Promise.all(dbs.map((db) => db.drop()));
    });

    it('runs a schema dump as the client would (meta-commands, DELIMITER, quoted semicolons)', async () => {
      const db = await fresh();
      const warnings: string[] = [];
      const log = { ...silentLogger, warn: (m: string) => warnings.push(m) };
      await source([`good/dump.${h.folder === 'postgres' ? 'pg' : 'mysql'}.sql`], null, log).build(
        h.throwaway(db),
      );
      const schema = await h.snapshot(db.url);
      const people = schema.tables[h.folder === 'postgres' ? 'public.people' : 'people'];
      expect(people).toBeDefined();
      if (h.folder === 'postgres') {
        expect(schema.enums['public.mood']?.values).toEqual(['happy', 'sad']);
      } else {
        expect(people!.columns.name!.default).toBe("'it''s; fine'");
        expect(Object.keys(people!.triggers)).toEqual(['people_touch']);
        // The dump's CREATE DATABASE and USE would have built the models in another database.
        expect(warnings).toEqual([
          expect.stringContaining('dump.mysql.sql:5: skipped `CREATE DATABASE'),
          expect.stringContaining('dump.mysql.sql:6: skipped `USE `production_app``'),
        ]);
      }
    });

    it('a DDL file the server rejects: ConfigError with the file, line and the server message', async () => {
      const db = await fresh();
      const file = `bad/broken.${h.folder === 'postgres' ? 'pg' : 'mysql'}.sql`;
      const error = await failure(source([file]).build(h.throwaway(db)));
      expect(error).toBeInstanceOf(ConfigError);
      if (h.folder === 'postgres') {
        expect(error.message).toBe(`--models ${file}:7:11: type "integr" does not exist`);
      } else {
        expect(error.message).toMatch(
          new RegExp(
            `^--models ${file}:7: You have an error in your SQL syntax.*near ''x', team_id int \\)' at line 3$`,
          ),
        );
      }
    });

    it('a TypeScript module builds the models through knex', async () => {
      const db = await fresh();
      await source(['good/models.ts']).build(h.throwaway(db));
      const schema = await h.snapshot(db.url);
      const users = schema.tables[h.folder === 'postgres' ? 'public.users' : 'users']!;
      const fk = Object.values(users.constraints).find((c) => c.kind === 'foreign key');
      expect(fk?.foreignKey?.onDelete).toBe('cascade');
    });

    it('a CommonJS module (module.exports = fn) and DDL files run in order on one database', async () => {
      const db = await fresh();
      const dump = `good/dump.${h.folder === 'postgres' ? 'pg' : 'mysql'}.sql`;
      await source([dump, 'good/models.cjs']).build(h.throwaway(db));
      const schema = await h.snapshot(db.url);
      expect(
        Object.values(schema.tables)
          .map((t) => t.name)
          .sort(),
      ).toEqual(['notes', 'people']);
    });

    it('a module that fails to load: ConfigError naming the file and where', async () => {
      const db = await fresh();
      // Written here, not kept as a fixture, so the project's own linter never parses it.
      const dir = await mkdtemp(join(tmpdir(), 'sg-models-'));
      try {
        const file = join(dir, 'models.ts');
        writeFileSync(
          file,
          "export default async (knex) => {\n  await knex.schema.createTable('x', (t) => {\n    t.increments('id')\n  ;\n};\n",
        );
        const broken = createModelSource(
          { cwd: dir, models: [file], modelsCommand: null, timeoutMs: 1000 },
          silentLogger,
        );
        const error = await failure(broken!.build(h.throwaway(db)));
        expect(error).toBeInstanceOf(ConfigError);
        expect(error.message).toMatch(/^--models models\.ts:5:1: cannot load the module: .*Unexpected token/);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
      const none = await failure(source(['bad/no-function.mjs']).build(h.throwaway(db)));
      expect(none.message).toBe('--models bad/no-function.mjs: the module exports no function');
    });

    it('a module that throws: ConfigError with its message, and its connections closed', async () => {
      const db = await fresh();
      const error = await failure(source(['bad/throws.js']).build(h.throwaway(db)));
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.message).toBe(
        '--models bad/throws.js: the models module threw: relation "accounts" is not modelled yet',
      );
      if (h.folder === 'postgres') expect(await pgConnections(db.name)).toBe(0);
    });

    it('a command gets DATABASE_URL and the engine variables for the empty database', async () => {
      const db = await fresh();
      const command =
        h.folder === 'postgres'
          ? `psql -v ON_ERROR_STOP=1 -q -c 'CREATE TABLE from_psql (id int)' && node -e "const c=new (require('pg').Client)(process.env.DATABASE_URL);c.connect().then(()=>c.query('CREATE TABLE from_url (id int)')).then(()=>c.end())"`
          : `mysql -u "$MYSQL_USER" "$MYSQL_DATABASE" -e 'CREATE TABLE from_client (id int)' && node -e "require('mysql2/promise').createConnection(process.env.DATABASE_URL).then(async c=>{await c.query('CREATE TABLE from_url (id int)');await c.end()})"`;
      await source([], command).build(h.throwaway(db));
      const schema = await h.snapshot(db.url);
      expect(
        Object.values(schema.tables)
          .map((t) => t.name)
          .sort(),
      ).toEqual(h.folder === 'postgres' ? ['from_psql', 'from_url'] : ['from_client', 'from_url']);
    });
  });
}

suite('Postgres', async () => postgres);
suite('MariaDB', mysqlHarness);

describe('a models command that fails', () => {
  const password = `pw${randomBytes(6).toString('hex')}`;
  // Trust auth ignores the password: it is there to prove it never reaches a message.
  const db = {
    engine: 'postgres' as const,
    serverVersion: '',
    name: 'sgtest_unused',
    url: `postgres://postgres:${password}@127.0.0.1:5432/sgtest_unused`,
    drop: async () => {},
  };

  it('exits non-zero: ConfigError with the end of its stderr, never the URL or password', async () => {
    const command = `echo "connecting to $DATABASE_URL" >&2; echo "password $PGPASSWORD" >&2; echo 'Error: P1001 table users has no column "nickname"' >&2; exit 3`;
    const error = await failure(new CommandModelSource(command, DIR, silentLogger).build(db));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain(`--models-command "${command}" exited with code 3`);
    expect(error.message).toContain('Error: P1001 table users has no column "nickname"');
    expect(error.message).toContain('connecting to ***');
    expect(error.message).not.toContain(password);
  });

  it('runs too long: ConfigError, and the command is killed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sg-cmd-'));
    try {
      const pidFile = join(dir, 'pid');
      const cmd = `node -e "require('fs').writeFileSync('${pidFile}', String(process.pid)); setTimeout(() => {}, 60000)"`;
      const error = await failure(
        new CommandModelSource(cmd, DIR, silentLogger, { timeoutMs: 1500 }).build(db),
      );
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.message).toMatch(/did not finish within 2 s/);
      const pid = Number(readFileSync(pidFile, 'utf8'));
      await expect.poll(() => alive(pid), { timeout: 5000 }).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is aborted: AbortedError, and the command and its children are killed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sg-cmd-'));
    try {
      const pidFile = join(dir, 'pid');
      // A grandchild (shell -> node), as `npx prisma ...` would start.
      const cmd = `sh -c "node -e \\"require('fs').writeFileSync('${pidFile}', String(process.pid)); setTimeout(() => {}, 60000)\\""`;
      const controller = new AbortController();
      const running = new CommandModelSource(cmd, DIR, silentLogger).build(db, controller.signal);
      await expect.poll(() => existsSync(pidFile), { timeout: 10_000 }).toBe(true);
      controller.abort();
      const error = await failure(running);
      expect(error).toBeInstanceOf(AbortedError);
      const pid = Number(readFileSync(pidFile, 'utf8'));
      await expect.poll(() => alive(pid), { timeout: 5000 }).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
