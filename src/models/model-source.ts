import type { ThrowawayDatabase } from '../databases/provider.js';

/**
 * Builds the schema the application's models describe on an empty throwaway database (like
 * SQLAlchemy's create_all or Django's syncdb). Throws ConfigError with the file and the cause when
 * the models cannot be loaded or built.
 */
export interface ModelSource {
  /** What the report shows as the drift's source: `schema.sql`, `models.ts`, `command: npx prisma db push`. */
  describe: string;
  /** `signal` aborts a long build (a models command is killed); optional so callers may omit it. */
  build(db: ThrowawayDatabase, signal?: AbortSignal): Promise<void>;
}
