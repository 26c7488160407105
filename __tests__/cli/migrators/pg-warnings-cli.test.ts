/**
 * node-postgres 8 prints a DeprecationWarning when one client is sent a query while another is still
 * running (pg 9 will refuse it). Lanes create their databases at once on the one admin connection,
 * which did exactly that; a run must print no such warning, for knex and for Alembic alike.
 * Through the real CLI on the local Postgres, with two lanes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check, PYTHON, postgres, removeTempProjects, tempProject } from './harness.js';

const COUNT = 50;
afterAll(removeTempProjects);

function temp(): string {
  const dir = tempProject('pg-warnings');
  return dir;
}

/**
 * models.sql with the same tables: drift builds it on a database of its own while the lanes create
 * theirs, which is where the admin connection was sent queries at once.
 */
function writeModels(dir: string): void {
  writeFileSync(
    path.join(dir, 'models.sql'),
    Array.from({ length: COUNT }, (_, i) => `CREATE TABLE t${i + 1} (id serial PRIMARY KEY);`).join('\n'),
  );
}

function knexHistory(): string {
  const dir = temp();
  mkdirSync(path.join(dir, 'migrations'));
  writeFileSync(path.join(dir, 'package.json'), '{ "private": true, "type": "commonjs" }\n');
  writeModels(dir);
  for (let i = 1; i <= COUNT; i++) {
    writeFileSync(
      path.join(dir, 'migrations', `${String(i).padStart(3, '0')}_t${i}.js`),
      `exports.up = (knex) => knex.schema.createTable('t${i}', (t) => t.increments('id'));\nexports.down = (knex) => knex.schema.dropTable('t${i}');\n`,
    );
  }
  return dir;
}

function alembicHistory(): string {
  const dir = temp();
  const versions = path.join(dir, 'migrations', 'versions');
  mkdirSync(versions, { recursive: true });
  writeFileSync(
    path.join(dir, 'alembic.ini'),
    '[alembic]\nscript_location = migrations\nsqlalchemy.url = postgresql://nobody@127.0.0.1:1/none\n',
  );
  writeModels(dir);
  writeFileSync(
    path.join(dir, 'migrations', 'env.py'),
    [
      'from alembic import context',
      'from sqlalchemy import engine_from_config, pool',
      'config = context.config',
      'connectable = engine_from_config(config.get_section(config.config_ini_section), prefix="sqlalchemy.", poolclass=pool.NullPool)',
      'with connectable.connect() as connection:',
      '    context.configure(connection=connection)',
      '    with context.begin_transaction():',
      '        context.run_migrations()',
      '',
    ].join('\n'),
  );
  for (let i = 1; i <= COUNT; i++) {
    const rev = `r${String(i).padStart(3, '0')}`;
    const down = i === 1 ? 'None' : `"r${String(i - 1).padStart(3, '0')}"`;
    writeFileSync(
      path.join(versions, `${rev}_t${i}.py`),
      [
        `"""t${i}"""`,
        'import sqlalchemy as sa',
        'from alembic import op',
        `revision = "${rev}"`,
        `down_revision = ${down}`,
        'branch_labels = None',
        'depends_on = None',
        '',
        'def upgrade():',
        `    op.create_table("t${i}", sa.Column("id", sa.Integer, primary_key=True))`,
        '',
        'def downgrade():',
        `    op.drop_table("t${i}")`,
        '',
      ].join('\n'),
    );
  }
  return dir;
}

describe('no pg DeprecationWarning on Postgres runs', () => {
  it('knex, two lanes', async () => {
    const dir = knexHistory();
    const models = path.join(dir, 'models.sql');
    const r = await check(dir, ['--tool', 'knex', '--lanes', '2', '--models', models, ...postgres.args]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('DeprecationWarning');
  });

  it('Alembic, two lanes', async () => {
    const dir = alembicHistory();
    const models = path.join(dir, 'models.sql');
    const r = await check(dir, ['--python', PYTHON, '--lanes', '2', '--models', models, ...postgres.args]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('DeprecationWarning');
  });
});
