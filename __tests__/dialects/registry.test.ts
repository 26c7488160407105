/**
 * The engine registry: every engine's descriptor has every part, each lazy part loads, the registry
 * itself stays light (the CLI imports it at startup), and no engine-name conditional is left outside
 * src/dialects/ (a third engine would silently take one of two branches).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DESCRIPTOR_FIELDS } from '../../src/dialects/descriptor.js';
import {
  actualEngine,
  ENGINE_NAMES,
  ENGINES,
  engineByName,
  enginesForScheme,
  LAZY_PARTS,
} from '../../src/dialects/registry.js';
import { splitSqlText } from '../../src/migrators/sql/split.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SRC = path.join(ROOT, 'src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : file.endsWith('.ts') ? [file] : [];
  });
}

/** The modules a file imports for their values (not `import type`), as written. */
function valueImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  const statement = /^(?:import|export)\s+(?!type\b)([^;]*?)\s+from\s+'([^']+)'/gms;
  for (const m of text.matchAll(statement)) found.push(m[2]!);
  for (const m of text.matchAll(/^import\s+'([^']+)'/gm)) found.push(m[1]!);
  return found;
}

/** Every package a module reaches through static value imports, following the project's own files. */
function staticPackages(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of valueImports(file)) {
      if (spec.startsWith('.')) visit(path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts'));
      else packages.add(spec);
    }
  };
  visit(entry);
  return packages;
}

const HEAVY = /^(mysql2|pg|knex|testcontainers|@testcontainers\/.*)(\/.*)?$/;

describe('the engine registry', () => {
  it('is frozen, and each engine is registered under its own name', () => {
    expect(Object.isFrozen(ENGINES)).toBe(true);
    expect(ENGINE_NAMES).toEqual(['postgres', 'mysql', 'mariadb']);
    for (const name of ENGINE_NAMES) {
      expect(ENGINES[name].name).toBe(name);
      expect(Object.isFrozen(ENGINES[name])).toBe(true);
      expect(Object.isFrozen(ENGINES[name].load)).toBe(true);
    }
  });

  describe.each(ENGINE_NAMES)('%s', (name) => {
    const descriptor = ENGINES[name];

    it.each(DESCRIPTOR_FIELDS)('has %s', (field) => {
      expect(descriptor[field]).toBeDefined();
      expect(descriptor[field]).not.toBeNull();
    });

    it.each(LAZY_PARTS)('loads its %s', async (part) => {
      const loaded = await descriptor.load[part]();
      expect(loaded).toBeTruthy();
      if (part === 'dialect' || part === 'ddlWriter') {
        expect((loaded as { engine: string }).engine).toBe(name);
      } else {
        expect(typeof loaded).toBe('function');
      }
    });

    it('builds a container recipe for an image without starting it', async () => {
      const recipe = await descriptor.load.container();
      const container = recipe(`${descriptor.image.repository}:${descriptor.image.defaultVersion}`);
      expect(container.port).toBe(descriptor.defaultPort);
      expect(typeof container.adminUrl).toBe('function');
    });

    it('splits a two-statement script with its own rules', () => {
      expect(splitSqlText('SELECT 1;\nSELECT 2;', name)).toEqual(['SELECT 1', 'SELECT 2']);
    });

    it('is found by its name, its aliases and its URL schemes', () => {
      expect(engineByName(name.toUpperCase())).toBe(name);
      for (const alias of descriptor.aliases) expect(engineByName(alias)).toBe(name);
      for (const scheme of descriptor.urlSchemes) expect(enginesForScheme(scheme)).toContain(name);
    });
  });

  it('tells a MariaDB server behind mysql:// by its version, and keeps the engine asked for otherwise', () => {
    expect(actualEngine('mysql', '10.11.19-MariaDB')).toBe('mariadb');
    expect(actualEngine('mysql', '8.4.3')).toBe('mysql');
    expect(actualEngine('mariadb', '8.4.3')).toBe('mariadb');
    expect(actualEngine('postgres', '17.6')).toBe('postgres');
  });

  it('loads no driver, container library or knex until a part is asked for', () => {
    const heavy = [...staticPackages(path.join(SRC, 'dialects/registry.ts'))].filter((p) => HEAVY.test(p));
    expect(heavy).toEqual([]);
  });

  it('keeps mysql2 and testcontainers out of the CLI until an engine needs them', () => {
    const packages = [...staticPackages(path.join(SRC, 'cli.ts'))];
    expect(packages.filter((p) => /^(mysql2|testcontainers|@testcontainers\/)/.test(p))).toEqual([]);
  });

  it('leaves no engine-name conditional outside src/dialects/', () => {
    const conditional = /[!=]==\s*['"](postgres|mysql|mariadb)['"]|['"](postgres|mysql|mariadb)['"]\s*[!=]==/;
    const offenders = filesUnder(SRC)
      .filter((file) => !file.startsWith(path.join(SRC, 'dialects') + path.sep))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, where: `${path.relative(ROOT, file)}:${i + 1}` }))
          .filter(({ line }) => conditional.test(line))
          .map(({ where, line }) => `${where}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });
});
