/**
 * Data flows one way (ARCHITECTURE.md): the schema model at the bottom, the report's vocabulary
 * above it, the checks above that. An import that runs back up a layer is how a cycle starts, so
 * the edges are read from the sources themselves.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const SRC = path.join(ROOT, 'src');

interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

/** `import … from '…'`, `export … from '…'` and `import('…')` to files under src/, as src-relative paths. */
function edges(): Edge[] {
  const out: Edge[] = [];
  const pattern =
    /(?:^|\n)\s*(import|export)\s+(type\s+)?[^;'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g;
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(pattern)) {
      const spec = m[3] ?? m[4]!;
      if (!spec.startsWith('.')) continue;
      const target = path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts');
      out.push({
        from: path.relative(SRC, file),
        to: path.relative(SRC, target),
        typeOnly: m[2] !== undefined,
      });
    }
  }
  return out;
}

const all = edges();
const inDir = (file: string, dir: string) => file.startsWith(`${dir}/`);

describe('the import graph', () => {
  it('is read from the sources (the parser finds the edges it should)', () => {
    expect(all).toContainEqual({ from: 'run-check.ts', to: 'checks/lanes.ts', typeOnly: false });
    expect(all.some((e) => e.from === 'report/model.ts')).toBe(true);
  });

  it('never runs back up a layer', () => {
    // [lower, higher]: nothing in `lower` imports anything in `higher`.
    const layers: [string, string][] = [
      ['schema', 'report'],
      ['schema', 'checks'],
      ['schema', 'github'],
      ['report', 'checks'],
      ['report', 'github'],
      ['report', 'migrators'],
      ['report', 'databases'],
      ['checks', 'github'],
    ];
    const upward = all
      .filter((e) => layers.some(([lower, higher]) => inDir(e.from, lower) && inDir(e.to, higher)))
      .map((e) => `${e.from} -> ${e.to}`);
    expect(upward).toEqual([]);
  });

  it('keeps config/ and vocabulary/ at the bottom: they import only leaves', () => {
    // Options is imported by every layer, so what it is built from must import nothing above it:
    // the names (vocabulary/), the engines' data (the registry, whose heavy parts are dynamic
    // imports), errors and secrets. Migrators, providers and the report get their names from here.
    const allowed = (to: string) =>
      inDir(to, 'config') ||
      inDir(to, 'vocabulary') ||
      ['dialects/registry.ts', 'errors.ts', 'secrets.ts'].includes(to);
    const upward = all
      .filter((e) => (inDir(e.from, 'config') || inDir(e.from, 'vocabulary')) && !allowed(e.to))
      .map((e) => `${e.from} -> ${e.to}`);
    expect(upward).toEqual([]);
    expect(all).toContainEqual({
      from: 'config/settings.ts',
      to: 'vocabulary/tool-names.ts',
      typeOnly: false,
    });
  });

  it('renders only through the registry: outside src/report nothing imports a renderer itself', () => {
    const renderersOwn = ['report/console.ts', 'report/markdown.ts', 'report/annotations.ts'];
    const direct = all
      .filter((e) => !inDir(e.from, 'report') && renderersOwn.includes(e.to) && !e.typeOnly)
      .map((e) => `${e.from} -> ${e.to}`);
    expect(direct).toEqual([]);
    for (const edge of ['check-command.ts', 'github/run-action.ts', 'github/comment-command.ts'])
      expect(all).toContainEqual({ from: edge, to: 'report/renderers.ts', typeOnly: false });
  });

  it('keeps report/model.ts a leaf: it imports only types from data-only files', () => {
    // The engine names are the registry's keys (EngineName = keyof typeof ENGINES): a type taken from
    // the registry's data, which is where the walk stops (its heavy parts are dynamic imports).
    const boundary = 'dialects/registry.ts';
    const seen = new Set<string>();
    const visit = (file: string) => {
      for (const e of all.filter((x) => x.from === file)) {
        expect(e.typeOnly, `${e.from} -> ${e.to} is not a type-only import`).toBe(true);
        if (!seen.has(e.to)) {
          seen.add(e.to);
          if (e.to !== boundary) visit(e.to);
        }
      }
    };
    visit('report/model.ts');
    expect([...seen].sort()).toEqual([
      boundary,
      'rehearsal/content.ts',
      'rehearsal/hazards.ts',
      'schema/ddl/statement.ts',
      'schema/difference.ts',
      'schema/model.ts',
    ]);
  });
});
