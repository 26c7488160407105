/**
 * The Alembic fixture projects share one env.py and one alembic.ini: those of
 * fixtures/alembic/clean, the canonical copy. Every other project's file is byte-for-byte that
 * copy, or a deliberate variant listed below with what it is for.
 *
 * Why copies held equal by this test rather than one shared file: each fixture stays a project a
 * user would recognise, with a real migrations/env.py where its alembic.ini's script_location says.
 * An env.py that imports a shared module through a sys.path insert, or a symlink, would make
 * schemagate's Python driver run on a layout no user has (it resolves env.py's real path to
 * attribute errors and filters to the project's own file), and would break the tests that copy a
 * fixture into a temporary folder (alembic-env-forms-cli, reapply-fingerprint-cli, ...), where a
 * relative path to the shared file no longer leads anywhere. To change the common env.py, edit
 * clean's and copy it over the others; this test names any copy left behind.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from './helpers.js';

const ROOT = fixture('alembic');
const CANONICAL = 'clean';

/** Projects whose env.py differs on purpose, and why. */
const ENV_VARIANTS: Record<string, string> = {
  branches: 'runs a statement of its own in offline mode before the migrations (shown with every revision)',
  'broken-env': 'imports a module that does not exist (the load error names env.py)',
  'chatty-drop': 'declares its target_metadata inline, the schema after its first revision',
  'ckan-layout': "CKAN's layout: env.py beside alembic.ini inside the package",
  'database-url': 'takes the URL from DATABASE_URL',
  filtered: 'passes include_name/include_object filters, chosen by SG_TEST_FILTER',
  'no-metadata': 'the `alembic init` template as generated, with target_metadata = None',
  'wrong-database': 'connects to another database than the throwaway one',
};

/** Projects whose alembic.ini differs on purpose, and why. */
const INI_VARIANTS: Record<string, string> = {
  'ckan-layout': "CKAN's layout: alembic.ini inside the package, script_location beside it",
  'database-url': 'no sqlalchemy.url: env.py reads DATABASE_URL',
  'wrong-database': 'no sqlalchemy.url: env.py reads DATABASE_URL',
};

interface Project {
  name: string;
  ini: string;
  envPy: string;
}

/** Each fixture project's alembic.ini and the env.py its script_location points at. */
function projects(): Project[] {
  return readdirSync(ROOT, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map(({ name }) => {
      const ini = [
        path.join(ROOT, name, 'alembic.ini'),
        path.join(ROOT, name, 'ckan', 'migration', 'alembic.ini'),
      ].find((file) => lstatSync(file, { throwIfNoEntry: false })?.isFile());
      if (!ini) throw new Error(`${name}: no alembic.ini`);
      const location = /^script_location\s*=\s*(.+)$/m.exec(readFileSync(ini, 'utf8'))?.[1]?.trim();
      if (!location) throw new Error(`${name}: alembic.ini has no script_location`);
      // %(here)s is the folder of alembic.ini; a bare path is relative to the working directory,
      // which schemagate makes the project's root.
      const scripts = location.startsWith('%(here)s')
        ? path.join(path.dirname(ini), location.slice('%(here)s'.length))
        : path.join(ROOT, name, location);
      return { name, ini, envPy: path.join(scripts, 'env.py') };
    });
}

const ALL = projects();
const canonical = ALL.find((p) => p.name === CANONICAL)!;

describe('the Alembic fixture projects', () => {
  it('are found, with the canonical one among them', () => {
    expect(ALL.length).toBeGreaterThan(Object.keys(ENV_VARIANTS).length);
    expect(canonical).toBeDefined();
  });

  it.each(ALL.map((p) => [p.name, p] as const))('%s has a real env.py file where Alembic looks', (_, p) => {
    // A symlink would have Alembic (and schemagate's realpath) load a file outside the project.
    expect(lstatSync(p.envPy, { throwIfNoEntry: false })?.isFile(), p.envPy).toBe(true);
  });

  it.each(ALL.filter((p) => p.name !== CANONICAL).map((p) => [p.name, p] as const))(
    "%s's env.py is the canonical one, or a listed variant that differs",
    (name, p) => {
      const same = readFileSync(p.envPy, 'utf8') === readFileSync(canonical.envPy, 'utf8');
      if (name in ENV_VARIANTS)
        expect(same, `${name} is listed as a variant but is the canonical env.py`).toBe(false);
      else
        expect(
          same,
          `${p.envPy} differs from ${canonical.envPy}: copy it over, or list ${name} in ENV_VARIANTS`,
        ).toBe(true);
    },
  );

  it.each(ALL.filter((p) => p.name !== CANONICAL).map((p) => [p.name, p] as const))(
    "%s's alembic.ini is the canonical one, or a listed variant that differs",
    (name, p) => {
      const same = readFileSync(p.ini, 'utf8') === readFileSync(canonical.ini, 'utf8');
      if (name in INI_VARIANTS)
        expect(same, `${name} is listed as a variant but is the canonical alembic.ini`).toBe(false);
      else
        expect(
          same,
          `${p.ini} differs from ${canonical.ini}: copy it over, or list ${name} in INI_VARIANTS`,
        ).toBe(true);
    },
  );

  it('lists no variant that is not a project', () => {
    const names = ALL.map((p) => p.name);
    for (const name of [...Object.keys(ENV_VARIANTS), ...Object.keys(INI_VARIANTS)])
      expect(names).toContain(name);
  });
});
