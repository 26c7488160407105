import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { detectTool } from '../../src/migrators/detect.js';
import { fixture } from './helpers.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
async function project(files: string[]): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sgtest-detect-'));
  dirs.push(dir);
  for (const file of files) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), '');
  }
  return dir;
}

describe('detectTool', () => {
  it('recognises the fixture projects', async () => {
    expect(await detectTool(fixture('alembic', 'clean'))).toBe('alembic');
    expect(await detectTool(fixture('django', 'shop'))).toBe('django');
    expect(await detectTool(fixture('sql', 'golang-pg'))).toBe('sql');
    expect(await detectTool(fixture('sql', 'dbmate-mysql'))).toBe('sql');
    expect(await detectTool(fixture('sql', 'flyway-mysql'))).toBe('sql');
    expect(await detectTool(fixture('sql', 'flyway-pg-no-undo'))).toBe('sql');
    for (const layout of ['goose-pg', 'pop-pg', 'prisma-pg', 'drizzle-pg']) {
      expect(await detectTool(fixture('sql', layout)), layout).toBe('sql');
    }
  });

  it("finds Prisma's and Drizzle Kit's default folders", async () => {
    expect(await detectTool(await project(['prisma/migrations/20240101000000_init/migration.sql']))).toBe(
      'sql',
    );
    expect(await detectTool(await project(['drizzle/0000_init.sql', 'drizzle/meta/_journal.json']))).toBe(
      'sql',
    );
  });

  it('finds each knexfile flavour, and prefers a tool configuration to a folder of SQL files', async () => {
    for (const knexfile of ['knexfile.js', 'knexfile.cjs', 'knexfile.mjs', 'knexfile.ts']) {
      expect(await detectTool(await project([knexfile, 'migrations/001.sql']))).toBe('knex');
    }
    expect(await detectTool(await project(['alembic.ini', 'manage.py', 'sql/1.sql']))).toBe('alembic');
    expect(await detectTool(await project(['manage.py', 'migrations/0001.sql']))).toBe('django');
    expect(await detectTool(await project(['src/main/resources/db/migration/V1__a.sql']))).toBe('sql');
  });

  it('finds a TypeORM DataSource after the other tools, before a folder of SQL files', async () => {
    expect(await detectTool(fixture('typeorm', 'clean'))).toBe('typeorm');
    expect(await detectTool(fixture('typeorm', 'forgot-index'))).toBe('typeorm');
    for (const file of ['data-source.ts', 'src/data-source.js', 'ormconfig.json', 'ormconfig.ts']) {
      expect(await detectTool(await project([file, 'migrations/001.sql'])), file).toBe('typeorm');
    }
    expect(await detectTool(await project(['knexfile.js', 'src/data-source.ts']))).toBe('knex');
    expect(await detectTool(await project(['manage.py', 'ormconfig.json']))).toBe('django');
  });

  it('returns null when nothing matches, a migrations folder of JS files included', async () => {
    expect(await detectTool(await project(['migrations/001_users.js', 'README.md']))).toBeNull();
    expect(await detectTool(await project([]))).toBeNull();
  });
});
