/**
 * The one answer to "does this entry name that migration": used by the run (`--only-changed`, and
 * the Action's list of the pull request's files, which decide what gets the full check) and by the
 * report (which migrations a pull request changes). One matcher, so the two can never disagree.
 */

/** What the matcher needs of a migration (pr-findings' references may lack a name). */
export interface NamedMigration {
  id: string;
  name?: string;
  file: string;
}

/** Windows separators in a user's entry match the tool's forward slashes. */
const normalise = (entry: string) => entry.replace(/\\/g, '/');

/** An entry names a migration by its id, its name or its file (relative to the project root). */
export function namesMigration(migration: NamedMigration, entry: string): boolean {
  const e = normalise(entry);
  return migration.id === e || migration.file === e || (migration.name !== undefined && migration.name === e);
}

/** The ids of the migrations that any entry names. */
export function changedMigrations(
  migrations: readonly NamedMigration[],
  entries: readonly string[],
): Set<string> {
  return new Set(migrations.filter((m) => entries.some((e) => namesMigration(m, e))).map((m) => m.id));
}
