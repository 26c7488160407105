/**
 * What stops an Alembic or Django check before it can judge anything: a Python that is not there, a
 * Python without the tool, an env.py or settings module that raises. Through the real CLI, each is
 * exit 2 and one line (progress lines aside) that names the cause, with no traceback, and nothing
 * is left behind on either server.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { check, ENGINES, errorLines, fixture, PYTHON, postgres } from './harness.js';

/**
 * The first python3 on PATH by its absolute path (on the development machines, pyenv's, which has
 * neither Alembic nor Django), or why it cannot serve as "a Python without the tool".
 */
function pythonWithout(module: string): { python: string } | { skip: string } {
  let python: string;
  try {
    python = execFileSync('sh', ['-c', 'command -v python3'], { encoding: 'utf8' }).trim();
  } catch {
    return { skip: 'no python3 on PATH' };
  }
  if (!python) return { skip: 'no python3 on PATH' };
  try {
    execFileSync(python, ['-c', `import ${module}`], { stdio: 'ignore' });
    return { skip: `the first python3 on PATH (${python}) has ${module}` };
  } catch {
    return { python };
  }
}

describe('a missing Python', () => {
  it.each([
    ['alembic', 'clean'],
    ['django', 'shop'],
  ])('%s: exit 2, naming the interpreter and the flag', async (tool, project) => {
    const r = await check(fixture(tool, project), ['--python', '/nonexistent/python3', ...postgres.args]);
    expect(r.code).toBe(2);
    expect(r.report).toBeNull();
    expect(errorLines(r.stderr)).toEqual([
      'schemagate: /nonexistent/python3 not found: pass --python /path/to/python',
    ]);
  });
});

describe('a Python without the tool', () => {
  // it.for (unlike it.each) hands the test its context, whose skip() records why it did not run.
  it.for([
    ['alembic', 'clean', 'alembic', 'alembic'],
    ['django', 'shop', 'django', 'Django'],
  ] as const)(
    '%s: exit 2, naming the module, the interpreter and the package to install',
    async ([tool, project, module, pkg], ctx) => {
      const found = pythonWithout(module);
      if ('skip' in found) return ctx.skip(found.skip);
      const r = await check(fixture(tool, project), ['--python', found.python, ...postgres.args]);
      expect(r.code).toBe(2);
      expect(errorLines(r.stderr)).toEqual([
        `schemagate: ${module} is not installed for ${found.python}: pip install ${pkg} (or pass --python with your project's interpreter, e.g. .venv/bin/python)`,
      ]);
    },
  );
});

describe.each(ENGINES)('a project that cannot load, on $name', (engine) => {
  it('a broken env.py: exit 2, naming env.py, the error and its line', async () => {
    const r = await check(fixture('alembic', 'broken-env'), ['--python', PYTHON, ...engine.args]);
    expect(r.code).toBe(2);
    expect(r.report).toBeNull();
    expect(errorLines(r.stderr)).toEqual([
      "schemagate: migrations/env.py failed: ModuleNotFoundError: No module named 'app.modelz' (imported by migrations/env.py:6) (app is app/__init__.py, which has no module modelz: fix the import)",
    ]);
  });

  it('broken Django settings: exit 2, naming the settings module, the error and its line', async () => {
    const r = await check(fixture('django', 'blog-broken-settings'), ['--python', PYTHON, ...engine.args]);
    expect(r.code).toBe(2);
    expect(r.report).toBeNull();
    expect(errorLines(r.stderr)).toEqual([
      `schemagate: settings blogsite.settings failed: ModuleNotFoundError: No module named 'site_config' (imported by blogsite/settings.py:6) (site_config is not installed for ${PYTHON}: pass --python /path/to/venv/bin/python, the interpreter that has the project's dependencies, or set PYTHONPATH to the folder that holds it if it is the project's own code)`,
    ]);
  });
});

describe('an import the project cannot make (CKAN: env.py imports ckan)', () => {
  const root = fixture('alembic', 'ckan-layout');
  const args = [
    '--tool',
    'alembic',
    '--migrations',
    fixture('alembic', 'ckan-layout', 'ckan', 'migration', 'alembic.ini'),
  ];

  it('names the module, the file that imports it, and PYTHONPATH with the folder that holds it', async () => {
    const r = await check(root, [...args, '--python', PYTHON, ...postgres.args]);
    expect(r.code).toBe(2);
    expect(r.report).toBeNull();
    expect(errorLines(r.stderr)).toEqual([
      `schemagate: ckan/migration/env.py failed: ModuleNotFoundError: No module named 'ckan' (imported by ckan/migration/env.py:6) (ckan is in ${root}: set PYTHONPATH=${root}, or pass --python /path/to/venv/bin/python, the interpreter that has the project's dependencies)`,
    ]);
  });

  it('passes once PYTHONPATH is set as the hint says', async () => {
    const r = await check(root, [...args, '--python', PYTHON, ...postgres.args], { PYTHONPATH: root });
    expect(r.stderr).not.toContain('No module named');
    expect(r.code).toBe(0);
  });

  it('shows the Python traceback only with --verbose', async () => {
    const r = await check(root, [...args, '--python', PYTHON, '--verbose', ...postgres.args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Traceback (most recent call last)');
    expect(r.stderr).toContain("ModuleNotFoundError: No module named 'ckan'");
  });

  it('Django settings: the traceback only with --verbose', async () => {
    const r = await check(fixture('django', 'blog-broken-settings'), [
      '--python',
      PYTHON,
      '--verbose',
      ...postgres.args,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Traceback (most recent call last)');
    expect(r.stderr).toMatch(/^schemagate: settings blogsite\.settings failed: /m);
  });
});
