/**
 * Models for drift in a Django project, built through Django's syncdb path by the project's own
 * Python: the project's apps (those whose code lives in the project folder) get their tables from
 * their models with migrations disabled, every other app (django.contrib, installed packages) is
 * migrated as usual, and foreign keys are added last so that a model may point at auth.User. See
 * cmd_models in src/migrators/python/py/django_driver.py.
 */
import type { ModelSettings } from '../config/options.js';
import type { ThrowawayDatabase } from '../databases/provider.js';
import type { Logger } from '../log.js';
import { findDjangoProject, startDjango } from '../migrators/python/django-project.js';
import { withDriver } from './driver-request.js';
import type { ModelSource } from './model-source.js';

export function createDjangoModels(options: ModelSettings, log: Logger): ModelSource {
  return {
    describe: 'django models (syncdb, project apps without migrations)',
    async build(db: ThrowawayDatabase, signal?: AbortSignal) {
      const start = async () => startDjango(await findDjangoProject(options), options, log, db);
      await withDriver(start, 'building the Django models', signal, async (proc) => {
        const result = await proc.request<{ apps: string[] }>('models');
        log.debug(`django models: built ${result.apps.join(', ') || 'no project app'}`);
      });
    },
  };
}
