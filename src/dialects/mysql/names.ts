/**
 * Whether a constraint or index name was made up by the server or a migration tool rather than
 * chosen by a person. Such names carry `generatedName`, so drift (two tools naming the same thing
 * differently) may pair them by definition instead of by name.
 */

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `users_email`, `users_team_id_created_at`: the `<table>_<columns>` stem that tools build names from. */
function stem(table: string, columns: string[]): string {
  return escapeRegExp([table, ...columns].join('_'));
}

export type NamedKind = 'foreign key' | 'check' | 'index';

export function isGeneratedName(
  kind: NamedKind,
  name: string,
  table: string,
  columns: string[],
  /** MariaDB CHECK_CONSTRAINTS.LEVEL */
  level?: string | null,
): boolean {
  const t = escapeRegExp(table);
  const s = stem(table, columns);
  const patterns: RegExp[] = [
    // TypeORM: FK_/IDX_/UQ_/REL_/CHK_ followed by a hash.
    /^(FK|IDX|UQ|REL|CHK)_[0-9a-f]{20,}$/i,
  ];
  if (kind === 'foreign key') {
    patterns.push(
      new RegExp(`^${t}_ibfk_\\d+$`), // MySQL and MariaDB: <table>_ibfk_<n>
      new RegExp(`^${s}_(foreign|fkey|fk)$`), // knex/Laravel `_foreign`, Prisma `_fkey`
      /^fk_rails_[0-9a-f]{10}$/, // Rails
      /_fk_/, // Django: <table>_<column>_<hash>_fk_<table>_<column>
    );
  } else if (kind === 'check') {
    patterns.push(
      new RegExp(`^${t}_chk_\\d+$`), // MySQL 8.0.16+: <table>_chk_<n>
      /^CONSTRAINT_\d+$/, // MariaDB: a table check without a name
      new RegExp(`^${s}_check$`),
    );
    // MariaDB names a check written on a column after the column.
    if (level === 'Column' || (columns.length === 1 && name === columns[0])) return true;
  } else {
    const first = columns[0];
    // Both servers name an unnamed index after its first column, then <column>_2, <column>_3, ...
    if (first !== undefined) patterns.push(new RegExp(`^${escapeRegExp(first)}(_\\d+)?$`));
    patterns.push(
      new RegExp(`^${s}_(unique|index|key|idx|uniq|foreign)$`), // knex/Laravel, Prisma; `_foreign`: an FK's index
      new RegExp(`^index_${t}_on_`), // Rails
      new RegExp(`^${t}_[A-Za-z0-9_]*_[0-9a-f]{8}(_uniq)?$`), // Django
    );
  }
  return patterns.some((pattern) => pattern.test(name));
}
