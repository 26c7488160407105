/**
 * The three ways an env.py takes its connection, through the real CLI. schemagate hands env.py one
 * connection for the whole session (alembic_driver.py: offer_connection; alembic_engines.py: SessionEngines), so each
 * form must still run every revision on the throwaway database and give the same verdict:
 *  - the `alembic init` template builds its own NullPool engine from sqlalchemy.url;
 *  - pytest-alembic's form takes an Engine from config.attributes["connection"];
 *  - Alembic's cookbook form takes a Connection from it, and refuses an Engine.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ALL_PASS,
  check,
  checkLines,
  ENGINES,
  fixture,
  PYTHON,
  removeTempProjects,
  tempProject,
} from './harness.js';

const ONLINE = {
  template: `def run_migrations_online():
    connectable = engine_from_config(config.get_section(config.config_ini_section), prefix="sqlalchemy.", poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()
`,
  'pytest-alembic': `def run_migrations_online():
    connectable = config.attributes.get("connection", None)
    if connectable is None:
        connectable = engine_from_config(config.get_section(config.config_ini_section), prefix="sqlalchemy.", poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()
`,
  cookbook: `def run_migrations_online():
    connectable = config.attributes.get("connection", None)
    if connectable is None:
        connectable = engine_from_config(config.get_section(config.config_ini_section), prefix="sqlalchemy.", poolclass=pool.NullPool)
        with connectable.connect() as connection:
            run(connection)
    else:
        run(connectable)


def run(connection):
    context.configure(connection=connection, target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()
`,
};

afterAll(removeTempProjects);

/** The clean fixture with env.py's online branch in the given form. */
async function project(form: keyof typeof ONLINE, base = 'clean'): Promise<string> {
  const dir = tempProject(`env-form-${form}`);
  await cp(fixture('alembic', base), dir, { recursive: true });
  const envPy = path.join(dir, 'migrations', 'env.py');
  const text = await readFile(envPy, 'utf8');
  const online = /def run_migrations_online\(\):[\s\S]*?(?=\n\nif context\.is_offline_mode)/;
  expect(text, 'the fixture env.py has an online branch to replace').toMatch(online);
  const replaced = text.replace(online, ONLINE[form]);
  await writeFile(envPy, replaced);
  return dir;
}

describe.each(ENGINES)('env.py forms on $name', (engine) => {
  it.each(Object.keys(ONLINE) as (keyof typeof ONLINE)[])(
    'the %s form passes the clean history, drift included',
    async (form) => {
      const r = await check(await project(form), ['--python', PYTHON, ...engine.args]);
      expect(r.code, r.stderr).toBe(0);
      expect(checkLines(r.engine!)).toEqual([
        `1a2b3c4d5e6f: ${ALL_PASS}`,
        `2b3c4d5e6f7a: ${ALL_PASS}`,
        `3c4d5e6f7a8b: ${ALL_PASS}`,
        `4d5e6f7a8b9c: ${ALL_PASS}`,
      ]);
      expect(r.engine!.drift).toMatchObject({ status: 'pass', differences: [] });
    },
  );

  it('the cookbook form still fails a downgrade that forgets an index', async () => {
    const r = await check(await project('cookbook', 'forgets-index'), ['--python', PYTHON, ...engine.args]);
    expect(r.code, r.stderr).toBe(1);
    expect(checkLines(r.engine!)).toEqual([
      `1a2b3c4d5e6f: ${ALL_PASS}`,
      '2b3c4d5e6f7a: up pass, round-trip fail, re-apply fail',
    ]);
  });
});
