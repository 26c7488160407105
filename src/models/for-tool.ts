import type { ModelSettings } from '../config/options.js';
import type { Logger } from '../log.js';
import type { ToolName } from '../migrators/migrator.js';
import { createAlembicModels, pythonModelsSpec } from './alembic-models.js';
import { createDjangoModels } from './django-models.js';
import { createModelSource } from './index.js';
import type { ModelSource } from './model-source.js';

/**
 * The models for drift. Alembic and Django projects carry their models with them (target_metadata,
 * the apps' models), so drift needs no configuration there; other tools need --models or
 * --models-command.
 */
export function modelsFor(tool: ToolName, options: ModelSettings, log: Logger): ModelSource | null {
  const explicit = options.models.length > 0 || options.modelsCommand !== null;
  if (tool === 'alembic' && (!explicit || pythonModelsSpec(options) !== null))
    return createAlembicModels(options, log);
  if (tool === 'django' && !explicit) return createDjangoModels(options, log);
  return createModelSource(options, log);
}
