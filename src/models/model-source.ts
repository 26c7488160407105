import type { ThrowawayDatabase } from '../databases/provider.js';

/**
 * Builds the schema the application's models describe on an empty throwaway database (like
 * SQLAlchemy's create_all or Django's syncdb). Throws ConfigError with the file and the cause when
 * the models cannot be loaded or built.
 */
export interface ModelSource {
  /** What the report shows as the drift's source: `schema.sql`, `models.ts`, `command: npx prisma db push`. */
  describe: string;
  /**
   * Runs before the first migration: loads what can be loaded without a database (the module, the
   * files, the project's MetaData) and throws ConfigError when the models cannot be built, so a
   * broken models source stops the run at once rather than after the last migration. Returns a note
   * when the project has no models to compare with (drift is then skipped with that note).
   */
  preflight?(signal?: AbortSignal): Promise<string | null>;
  /** `signal` aborts a long build (a models command is killed); optional so callers may omit it. */
  build(db: ThrowawayDatabase, signal?: AbortSignal): Promise<void>;
  /**
   * Which of these tables and columns the project's own configuration leaves out of the comparison
   * (Alembic: env.py's include_name / include_object, as autogenerate applies them); null when it
   * declares no such filter. Only sources whose tool has such filters implement it.
   */
  exclusions?(tables: TableNames[], signal?: AbortSignal): Promise<ModelExclusions | null>;
  /** Ends what the source keeps between calls (an idle driver); the run calls it from its Cleanup. */
  release?(): Promise<void>;
}

/** A table of either side of drift; `schema` as the introspector gives it. */
export interface TableNames {
  schema: string;
  name: string;
  columns: string[];
}

export interface ModelExclusions {
  /** `by` says which filter, in the user's words: `migrations/env.py's include_name`. */
  tables: { schema: string; name: string; by: string }[];
  columns: { schema: string; table: string; name: string; by: string }[];
  /** A filter that raised (it was then taken as "included"): one line each, naming the file. */
  warnings: string[];
}
