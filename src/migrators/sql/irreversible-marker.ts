/**
 * Plain SQL has no place to say "this migration cannot be rolled back" (knex has
 * `exports.irreversible = true`, Alembic a downgrade() that raises), so schemagate reads one from a
 * comment line in the migration (the up file; dbmate's and Flyway's one file):
 *
 *   -- schemagate:irreversible drops the legacy table; restore from backup instead
 *
 * A comment, so every tool still runs the file as it is. The reason is optional.
 */
const MARKER = /^[ \t]*--[ \t]*schemagate:irreversible\b(.*)$/m;

/** The marker's reason (null when none is given), or undefined when the text has no marker. */
export function irreversibleMarker(text: string): { reason: string | null } | undefined {
  const m = MARKER.exec(text);
  if (!m) return undefined;
  const reason = m[1]!.trim();
  return { reason: reason === '' ? null : reason };
}

/** How to write the marker, for hints. */
export const MARKER_HINT = '-- schemagate:irreversible <reason>';
