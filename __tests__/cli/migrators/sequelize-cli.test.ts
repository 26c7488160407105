/**
 * Sequelize (sequelize-cli) projects through the real CLI on the local Postgres and MariaDB, with
 * the tool detected (`.sequelizerc`, or package.json and a migrations folder): the project's own
 * Sequelize runs each migration's up(queryInterface, Sequelize) and down, on the engine's dialect
 * whatever the project's config says, and the report shows the SQL Sequelize sent.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ALL_PASS,
  check,
  checkLines,
  errorLines,
  expectSqlInMarkdown,
  fixture,
  mariadb,
  postgres,
  removeTempProjects,
  tempProject,
} from './harness.js';

afterAll(removeTempProjects);

describe.each([
  {
    engine: postgres,
    createPosts: [
      'CREATE TABLE IF NOT EXISTS "Posts" ("id"   SERIAL , "userId" INTEGER NOT NULL REFERENCES "Users" ("id") ON DELETE CASCADE, "title" VARCHAR(255) NOT NULL, "body" TEXT, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL, "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY ("id"));',
      'CREATE INDEX "posts_user_created" ON "Posts" ("userId", "createdAt")',
    ],
    column: 'public.Users.lastLoginAt',
    reapply: 'ALTER TABLE "public"."Users" ADD COLUMN "lastLoginAt" TIMESTAMP WITH TIME ZONE;',
  },
  {
    engine: mariadb,
    createPosts: [
      'CREATE TABLE IF NOT EXISTS `Posts` (`id` INTEGER NOT NULL auto_increment , `userId` INTEGER NOT NULL, `title` VARCHAR(255) NOT NULL, `body` TEXT, `createdAt` DATETIME NOT NULL, `updatedAt` DATETIME NOT NULL, PRIMARY KEY (`id`), FOREIGN KEY (`userId`) REFERENCES `Users` (`id`) ON DELETE CASCADE) ENGINE=InnoDB;',
      'ALTER TABLE `Posts` ADD INDEX `posts_user_created` (`userId`, `createdAt`)',
    ],
    column: 'Users.lastLoginAt',
    reapply: 'ALTER TABLE `Users` ADD `lastLoginAt` DATETIME;',
  },
])('Sequelize through the CLI on $engine.name', ({ engine, createPosts, column, reapply }) => {
  it('passes a correct history with exit 0, showing the SQL Sequelize sent', async () => {
    const r = await check(fixture('sequelize', 'clean'), engine.args);
    expect(r.code, r.stderr).toBe(0);
    expect(r.report!.tool).toBe('sequelize');
    expect(r.engine!.engine).toBe(engine.name);
    expect(checkLines(r.engine!)).toEqual([
      `20240101090000-create-users.js: ${ALL_PASS}`,
      `20240102090000-create-posts.js: ${ALL_PASS}`,
      `20240103090000-add-published.js: ${ALL_PASS}`,
    ]);
    const posts = r.engine!.migrations[1]!;
    // .sequelizerc's migrations-path, resolved from the project even though schemagate runs elsewhere.
    expect(posts.file).toBe('db/migrations/20240102090000-create-posts.js');
    expect(posts.sql.up).toEqual(createPosts);
    // The data step ran too (bulkUpdate), and nothing of Sequelize's connection set-up is shown.
    expect(r.engine!.migrations[2]!.sql.up[1]).toMatch(
      /^UPDATE ["`]Posts["`] SET ["`]published["`]=true WHERE/,
    );
    expect(r.engine!.migrations[0]!.sql.up).toHaveLength(1);
    expectSqlInMarkdown(r.markdown!, r.engine!.migrations);
  });

  it('fails a down that forgets a column with exit 1, naming it', async () => {
    const r = await check(fixture('sequelize', 'forgot-column'), engine.args);
    expect(r.code, r.stderr).toBe(1);
    expect(checkLines(r.engine!)).toEqual([
      `20240101090000-create-users.js: ${ALL_PASS}`,
      '20240105120000-last-login.js: up pass, round-trip fail, re-apply fail',
    ]);
    const login = r.engine!.migrations[1]!;
    const roundTrip = login.checks.find((c) => c.check === 'round-trip')!;
    expect(roundTrip.differences!.map((d) => `${d.change} ${d.object}`)).toEqual([`added column ${column}`]);
    expect(login.checks.find((c) => c.check === 're-apply')!.error!.statement).toBe(reapply);
    expect(r.stdout).toContain('20240105120000-last-login (migrations/20240105120000-last-login.js)');
    expect(r.stdout).toContain(`column ${column} exists after down but not before up`);
    expectSqlInMarkdown(r.markdown!, r.engine!.migrations);
  });
});

describe('Sequelize through the CLI: the project has no sequelize', () => {
  it('stops with exit 2 and one line naming the package to install', async () => {
    const dir = tempProject('sequelize-missing');
    cpSync(fixture('sequelize', 'clean'), dir, { recursive: true });
    const r = await check(dir, postgres.args);
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual([
      `schemagate: sequelize is not installed in ${dir}: schemagate runs the project's own Sequelize; run npm install sequelize there`,
    ]);
  });
});

describe('Sequelize through the CLI: a dialect whose driver the project lacks', () => {
  it('keeps the mariadb dialect on MariaDB, and names the mariadb package it needs', async () => {
    const dir = tempProject('sequelize-driver', { nodeModules: true });
    cpSync(fixture('sequelize', 'forgot-column'), dir, { recursive: true });
    const entry = { dialect: 'mariadb', host: '127.0.0.1', database: 'shop' };
    writeFileSync(
      path.join(dir, 'config', 'config.json'),
      JSON.stringify({ development: entry, test: entry }),
    );
    const r = await check(dir, mariadb.args);
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual([
      "schemagate: Sequelize's mariadb dialect needs the mariadb package, which the project does not have: run npm install mariadb",
    ]);
  });
});

describe('Sequelize through the CLI: an up that fails', () => {
  it('names the statement, and what ran before it stays applied (sequelize-cli adds no transaction)', async () => {
    const dir = tempProject('sequelize-failing', { nodeModules: true });
    writeFileSync(path.join(dir, 'package.json'), '{ "dependencies": { "sequelize": "^6.37.8" } }\n');
    mkdirSync(path.join(dir, 'migrations'));
    writeFileSync(
      path.join(dir, 'migrations', '20240101000000-audit.js'),
      [
        'module.exports = {',
        '  async up(queryInterface, Sequelize) {',
        "    console.log('creating audit');",
        "    await queryInterface.createTable('audit', { id: { type: Sequelize.INTEGER, primaryKey: true } });",
        "    await queryInterface.addColumn('missing', 'x', Sequelize.INTEGER);",
        '  },',
        "  async down(queryInterface) { await queryInterface.dropTable('audit'); },",
        '};',
        '',
      ].join('\n'),
    );
    const r = await check(dir, postgres.args);
    expect(r.code, r.stderr).toBe(1);
    const [audit] = r.engine!.migrations;
    const up = audit!.checks.find((c) => c.check === 'up')!;
    expect(up.error).toMatchObject({
      message: 'relation "public.missing" does not exist',
      statement: 'ALTER TABLE "public"."missing" ADD COLUMN "x" INTEGER;',
      code: '42P01',
    });
    expect(up.differences!.map((d) => `${d.change} ${d.object}`)).toEqual(['added table public.audit']);
    expect(audit!.sql.up).toEqual([
      'CREATE TABLE IF NOT EXISTS "audit" ("id" INTEGER , PRIMARY KEY ("id"));',
      'ALTER TABLE "public"."missing" ADD COLUMN "x" INTEGER;',
    ]);
    expect(audit!.output).toEqual([{ step: 'up', lines: ['creating audit'] }]);
  });
});
