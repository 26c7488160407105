/**
 * Findings about the pull request itself, from the list of files it changes and the migrations in
 * the checked-out tree. Pure: no API, no git, so every case is a unit test.
 *
 * The base branch's migrations are the tree's migrations minus those the pull request adds, plus
 * those it deletes or renames away. (On `pull_request` events actions/checkout checks out the merge
 * commit, so the tree already holds migrations merged to the base branch after this branch
 * diverged: exactly the ones that make a new migration run out of order in production.)
 */
import { changedMigrations } from '../report/changed.js';
import type { Finding } from '../report/model.js';

export type ChangeStatus = 'added' | 'modified' | 'removed' | 'renamed' | 'copied' | 'changed' | 'unchanged';

/** One file the pull request touches; paths relative to the project root (the report's cwd). */
export interface FileChange {
  path: string;
  status: ChangeStatus;
  /** For a rename: where the file was. */
  previousPath?: string | null;
}

/** A migration as the tool orders it (the report's migration list). */
export interface MigrationRef {
  id: string;
  file: string;
}

export interface PrFindingsInput {
  /**
   * The migrations of the checked-out tree in the order the tool applies them: this order is the
   * ordering (file names for knex and SQL folders, the revision graph for Alembic).
   */
  migrations: MigrationRef[];
  changes: FileChange[];
}

/** The paths the pull request adds or changes (what `only-changed` and the report's `changed` match). */
export function addedOrChanged(changes: FileChange[]): string[] {
  return changes.filter((c) => c.status !== 'removed').map((c) => c.path);
}

/**
 * Files (project-relative) of the migrations the pull request adds or modifies, by the matcher the
 * run and the report use (report/changed.ts).
 */
export function changedMigrationFiles(migrations: MigrationRef[], changes: FileChange[]): Set<string> {
  const ids = changedMigrations(migrations, addedOrChanged(changes));
  return new Set(migrations.filter((m) => ids.has(m.id)).map((m) => m.file));
}

export function prFindings(input: PrFindingsInput): Finding[] {
  const { migrations, changes } = input;
  const inTree = new Map(migrations.map((m, index) => [m.file, { ...m, index }]));
  const added = new Set(
    changes.filter((c) => c.status === 'added' || c.status === 'copied').map((c) => c.path),
  );
  const findings: Finding[] = [];

  for (const c of changes) {
    const m = inTree.get(c.path);
    if ((c.status === 'modified' || c.status === 'changed') && m) {
      findings.push({
        kind: 'edited-migration',
        severity: 'error',
        message: `${c.path} already exists on the base branch and is edited here: databases that applied it will not run the new version. Add a new migration instead.`,
        file: c.path,
        migration: m.id,
      });
    }
    if (c.status === 'renamed' && m && c.previousPath) {
      findings.push({
        kind: 'renamed-migration',
        severity: 'error',
        message: `${c.previousPath} is renamed to ${c.path}: databases that applied it under the old name will apply it again. Keep the old name.`,
        file: c.path,
        migration: m.id,
      });
      added.add(c.path);
    }
    if (c.status === 'removed' && looksLikeSibling(c.path, migrations)) {
      findings.push({
        kind: 'removed-migration',
        severity: 'warning',
        message: `${c.path} is deleted: databases that applied it keep its changes, and some tools refuse to run when an applied migration is missing.`,
        file: c.path,
      });
    }
  }

  // Out of order: a new migration that the tool places before one the base branch already has.
  const base = migrations.filter((m) => !added.has(m.file));
  for (const file of added) {
    const m = inTree.get(file);
    if (!m) continue;
    const later = base.filter((b) => inTree.get(b.file)!.index > m.index);
    if (later.length === 0) continue;
    const last = later[later.length - 1]!;
    findings.push({
      kind: 'out-of-order',
      severity: 'error',
      message: `${file} sorts before ${later.length === 1 ? last.file : `${later.length} migrations already on the base branch (the last: ${last.file})`}${later.length === 1 ? ', which is already on the base branch' : ''}: production applies it after them, in another order than this check did. Rename it so that it sorts last.`,
      file,
      migration: m.id,
    });
  }
  return findings;
}

/** A deleted file counts as a migration when it sat in the same folder as the tree's migrations. */
function looksLikeSibling(file: string, migrations: MigrationRef[]): boolean {
  const dir = file.slice(0, file.lastIndexOf('/') + 1);
  return migrations.some((m) => m.file.slice(0, m.file.lastIndexOf('/') + 1) === dir);
}
