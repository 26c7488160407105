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
}
