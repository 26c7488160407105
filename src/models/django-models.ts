/**
 * Models for drift in a Django project, built through Django's syncdb path by the project's own
 * Python: the project's apps (those whose code lives in the project folder) get their tables from
 * their models with migrations disabled, every other app (django.contrib, installed packages) is
 * migrated as usual, and foreign keys are added last so that a model may point at auth.User. See
 * cmd_models in src/migrators/python/django-driver.ts.
 */
import type { Options } from '../config/options.js';
import type { ThrowawayDatabase } from '../databases/provider.js';
import { AbortedError } from '../errors.js';
import type { Logger } from '../log.js';
import { findDjangoProject, startDjango } from '../migrators/python/django-project.js';
import type { ModelSource } from './model-source.js';

export function createDjangoModels(options: Options, log: Logger): ModelSource {
  return {
    describe: 'django models (syncdb, project apps without migrations)',
    async build(db: ThrowawayDatabase, signal?: AbortSignal) {
      signal?.throwIfAborted();
      const project = await findDjangoProject(options);
      const proc = await startDjango(project, options, log, db);
      const abort = () => void proc.close();
      signal?.addEventListener('abort', abort, { once: true });
      try {
        const result = await proc.request<{ apps: string[] }>('models');
        log.debug(`django models: built ${result.apps.join(', ') || 'no project app'}`);
      } catch (error) {
        if (signal?.aborted) throw new AbortedError('interrupted while building the Django models');
        throw error;
      } finally {
        signal?.removeEventListener('abort', abort);
        await proc.close();
      }
    },
  };
}
