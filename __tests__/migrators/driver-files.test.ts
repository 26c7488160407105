/**
 * The Python drivers are .py files: found beside the TypeScript when schemagate runs from source, and
 * in dist/python/ when it runs from the bundle (dist/index.js, dist/cli.js, or a chunk in
 * dist/chunks/). The bundle is mimicked in a temporary folder laid out as scripts/build.mjs lays it out.
 */
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUNDLED_DRIVER_FOLDER,
  driverArgs,
  findDriverFolder,
} from '../../src/migrators/python/driver-files.js';
import { fixture, PYTHON } from './helpers.js';

const REPO = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SOURCE_FOLDER = path.join(REPO, 'src', 'migrators', 'python', 'py');

let dist: string;
beforeAll(async () => {
  dist = path.join(await mkdtemp(path.join(tmpdir(), 'sgtest-dist-')), 'dist');
  await mkdir(path.join(dist, 'chunks'), { recursive: true });
  await writeFile(path.join(dist, 'index.js'), '');
  await writeFile(path.join(dist, 'chunks', 'chunk-ABC.js'), '');
  await cp(SOURCE_FOLDER, path.join(dist, BUNDLED_DRIVER_FOLDER), { recursive: true });
});
afterAll(async () => {
  await rm(path.dirname(dist), { recursive: true, force: true });
});

/** Runs a driver from `folder` and sends it `requests`; returns the replies it wrote. */
async function run(folder: string, cwd: string, config: unknown, requests: unknown[]): Promise<unknown[]> {
  const args = await driverArgs('alembic_driver', config, folder);
  const out = spawnSync(PYTHON, args, {
    cwd,
    input: requests.map((r) => `${JSON.stringify(r)}\n`).join(''),
    encoding: 'utf8',
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
  });
  expect(out.status, out.stderr).toBe(0);
  return out.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));
}

describe('the Python drivers are found', () => {
  it('from source: src/migrators/python/py, which holds the bootstrap, the prelude and both drivers', async () => {
    expect(findDriverFolder()).toBe(SOURCE_FOLDER);
    const files = await readdir(SOURCE_FOLDER);
    expect(files).toEqual(
      expect.arrayContaining([
        'bootstrap.py',
        'prelude.py',
        'alembic_driver.py',
        'alembic_filters.py',
        'alembic_engines.py',
        'django_driver.py',
      ]),
    );
  });

  it('from the bundle: dist/python, for code in dist/ itself and in dist/chunks/', () => {
    const bundled = path.join(dist, BUNDLED_DRIVER_FOLDER);
    expect(findDriverFolder(dist)).toBe(bundled);
    expect(findDriverFolder(path.join(dist, 'chunks'))).toBe(bundled);
  });

  it('the build copies them where the bundle looks', async () => {
    const build = await readFile(path.join(REPO, 'scripts', 'build.mjs'), 'utf8');
    expect(build).toContain(`cp('src/migrators/python/py', 'dist/${BUNDLED_DRIVER_FOLDER}'`);
  });

  it('a bundle without them fails naming where it looked', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'sgtest-nodrivers-'));
    try {
      expect(() => findDriverFolder(empty)).toThrow(
        `schemagate's Python drivers are missing: no bootstrap.py in ${path.join(empty, 'py')}`,
      );
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('a driver runs from the bundled copy: the Alembic revisions of a project, config in sys.argv[1]', async () => {
    const project = fixture('alembic', 'clean');
    const config = {
      ini: 'alembic.ini',
      scriptLocation: null,
      dbUrl: null,
      backend: null,
      projectRoot: project,
    };
    const replies = await run(findDriverFolder(path.join(dist, 'chunks')), project, config, [
      { id: 1, cmd: 'list' },
    ]);
    expect(replies[0]).toEqual({ id: 0, ok: true, result: { python: expect.any(String) } });
    const list = replies[1] as { id: number; ok: boolean; result: { revisions: { file: string }[] } };
    expect(list.ok).toBe(true);
    expect(list.result.revisions.map((r) => r.file)).toEqual([
      'migrations/versions/1a2b3c4d5e6f_create_users.py',
      'migrations/versions/2b3c4d5e6f7a_create_posts.py',
      'migrations/versions/3c4d5e6f7a8b_user_name_and_settings.py',
      'migrations/versions/4d5e6f7a8b9c_backfill_names.py',
    ]);
  });

  it("from the project's node_modules, errors still name the project's line; tracebacks name the driver file", async () => {
    // The drivers live under the project when schemagate is installed there; their frames are
    // compiled as <schemagate/NAME.py>, which the prelude never takes for the project's code.
    const project = path.join(path.dirname(dist), 'project');
    await cp(fixture('alembic', 'broken-env'), project, { recursive: true });
    const inside = path.join(project, 'node_modules', 'schemagate', 'dist');
    await cp(dist, inside, { recursive: true });
    {
      const config = {
        ini: 'alembic.ini',
        scriptLocation: null,
        dbUrl: null,
        backend: 'postgresql',
        projectRoot: project,
      };
      const replies = await run(findDriverFolder(inside), project, config, [
        { id: 1, cmd: 'probe_models', args: { spec: null } },
      ]);
      const error = (replies[1] as { error: { message: string; traceback: string } }).error;
      expect(error.message).toBe(
        "migrations/env.py failed: ModuleNotFoundError: No module named 'app.modelz' (imported by migrations/env.py:6)",
      );
      expect(error.traceback).toContain('File "<schemagate/alembic_driver.py>"');
    }
  });
});
