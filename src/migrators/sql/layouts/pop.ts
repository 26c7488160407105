/**
 * pop / fizz SQL migrations (gobuffalo, ory's popx): `VERSION_name.DIALECT.up.sql` and `.down.sql`
 * per database (postgres, mysql, sqlite3, cockroach), a generic `VERSION_name.up.sql` for every
 * database, and `VERSION_name.DIALECT.autocommit.up.sql` for one that runs outside a transaction
 * (ory/x popx's MigrationFileRegexp). Several files share one version by design, one per database,
 * so the engine decides which migration exists: its dialect's file, else the generic one, else none
 * (the migration is not part of that database's history).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ENGINES, type EngineName } from '../../../dialects/registry.js';
import { ConfigError } from '../../../errors.js';
import type { SqlMigrationFile, SqlSection } from '../layouts.js';
import { declared, type FoundFile, rel, section } from './files.js';

// `.autocommit` is never a dialect: `VERSION_name.autocommit.up.sql` is a generic autocommit file.
export const POP_FILE = /^(\d+)_([^.]+)(?:\.(?!autocommit\.)([a-z0-9]+))?(\.autocommit)?\.(up|down)\.sql$/;
const POP_DIALECTS = ['postgres', 'mysql', 'sqlite3', 'cockroach'];

/**
 * pop's configuration beside the migrations: `database.yml` (or `config/database.yml`) with pop's
 * `dialect:` key (Rails' file of the same name says `adapter:`).
 */
export async function hasPopConfig(cwd: string): Promise<boolean> {
  for (const name of ['database.yml', 'config/database.yml']) {
    const text = await readFile(path.join(cwd, name), 'utf8').catch(() => '');
    if (/^\s*dialect\s*:/m.test(text)) return true;
  }
  return false;
}

/** A file that only pop names: a dialect or `.autocommit` between the name and up/down. */
export function isPopOnly(base: string): boolean {
  const m = POP_FILE.exec(base);
  return m !== null && ((m[3] !== undefined && POP_DIALECTS.includes(m[3])) || m[4] !== undefined);
}

/**
 * pop's name for each SQLAlchemy dialect: code outside src/dialects/ never compares engine names, so
 * the engine's descriptor says which family it is (MariaDB's is mysql, as in pop).
 */
const POP_NAMES: Record<string, string> = { postgresql: 'postgres', mysql: 'mysql' };

/** The pop dialect whose files an engine runs. */
export function popDialect(engine: EngineName): string {
  const family = ENGINES[engine].sqlalchemyDialect;
  return POP_NAMES[family] ?? family;
}

type Variant = { up?: FoundFile; down?: FoundFile };

export async function readPop(
  files: FoundFile[],
  cwd: string,
  skipped: string[],
  engines: readonly EngineName[],
): Promise<SqlMigrationFile[]> {
  const byKey = new Map<string, { version: string; variants: Map<string, Variant> }>();
  for (const f of files) {
    const m = POP_FILE.exec(f.base);
    if (!m) {
      skipped.push(rel(cwd, f.absolute));
      continue;
    }
    const key = `${m[1]}_${m[2]}`;
    const entry = byKey.get(key) ?? { version: m[1]!, variants: new Map<string, Variant>() };
    const dialect = m[3] ?? 'generic';
    const variant = entry.variants.get(dialect) ?? {};
    const direction = m[5] as 'up' | 'down';
    if (variant[direction])
      throw new ConfigError(
        `${rel(cwd, variant[direction]!.absolute)} and ${rel(cwd, f.absolute)} are both the ${dialect} ${direction} of ${key}: keep one`,
      );
    variant[direction] = f;
    entry.variants.set(dialect, variant);
    byKey.set(key, entry);
  }
  const out: SqlMigrationFile[] = [];
  for (const [key, { version, variants }] of byKey) {
    const perEngine: NonNullable<SqlMigrationFile['perEngine']> = {};
    for (const engine of engines) {
      // pop picks the dialect's file for each direction on its own, else the generic one.
      const own = variants.get(popDialect(engine)) ?? {};
      const generic = variants.get('generic') ?? {};
      const up = own.up ?? generic.up;
      const down = own.down ?? generic.down;
      perEngine[engine] = {
        up: up ? await popSection(up, cwd) : null,
        down: up && down ? await popSection(down, cwd) : null,
      };
    }
    const present = Object.values(perEngine).filter((p) => p.up !== null);
    // No up for any engine of this run (a sqlite3- or cockroach-only step, or a lone down file, which
    // kratos has): not in this run's history.
    if (present.length === 0) continue;
    const first = present[0]!;
    out.push({
      layout: 'pop',
      id: key,
      name: key,
      version,
      up: first.up!,
      // Reversible only when every engine that runs the up has a down to go with it.
      down: present.every((p) => p.down !== null) ? first.down : null,
      perEngine,
      ...declared(first.up!.text),
    });
  }
  return out;
}

async function popSection(f: FoundFile, cwd: string): Promise<SqlSection> {
  return section(f, cwd, !f.base.includes('.autocommit.'));
}
