/**
 * Alembic, run by the project's own Python (--python) through a long-lived driver process per
 * session (python/py/alembic_driver.py). Revisions come in graph order (walk_revisions, base first);
 * each step applies exactly one revision, online, after rendering its SQL offline (`upgrade a:b
 * --sql`, `downgrade b:a --sql`) for the report. When a revision cannot run offline (it reads data
 * through op.get_bind(), or env.py has no offline branch) the statements it executed are shown instead.
 *
 * Reversibility: a revision with no downgrade() is irreversible; one whose downgrade() only raises
 * (NotImplementedError, typically) declares itself irreversible; a downgrade() that is `pass` counts
 * as reversible, and the round-trip check then shows what it failed to undo.
 */
import path from 'node:path';
import type { MigratorSettings } from '../config/options.js';
import type { Logger } from '../log.js';
import { maskerFor } from '../models/command-models.js';
import type { Migration, Migrator, MigratorSession, StepResult, ToolFinding } from './migrator.js';
import { attribution, type StepOutput, withPrinted } from './output.js';
import { alembicBackend, findAlembicProject, startAlembic } from './python/alembic-project.js';
import { PYTHON_LANE_COST } from './python/process.js';
import { SpareDriver } from './python/spare-driver.js';
import { reviewStatements } from './python/statements.js';

interface RevisionInfo {
  revision: string;
  downRevisions: string[];
  doc: string;
  file: string;
  reversible: boolean;
  declared: boolean;
}

interface ListResult {
  revisions: RevisionInfo[];
  heads: { revision: string; file: string }[];
}

interface StepReply extends Partial<StepOutput> {
  offline: string | null;
  offlineError: string | null;
  executed: string[];
  versionTable: string;
}

const ALEMBIC_HINT = 'write its downgrade(), or make it raise NotImplementedError to declare it irreversible';

export async function createAlembicMigrator(options: MigratorSettings, log: Logger): Promise<Migrator> {
  const project = await findAlembicProject(options);
  const toCwd = (file: string) =>
    path.relative(options.cwd, path.resolve(project.dir, file)).split(path.sep).join('/');

  // The listing's driver stays as a spare for the first session (spare-driver.ts).
  const spare = new SpareDriver();
  let listed: Promise<ListResult> | null = null;
  const load = () => {
    listed ??= (async () => {
      const proc = await startAlembic(project, options, log, null);
      try {
        const result = await proc.request<ListResult>('list');
        spare.keep(proc);
        return result;
      } catch (error) {
        await proc.close();
        throw error;
      }
    })();
    return listed;
  };

  return {
    tool: 'alembic',
    lanes: PYTHON_LANE_COST,
    async list() {
      const { revisions } = await load();
      return revisions.map(
        (r): Migration => ({
          id: r.revision,
          name: path.basename(r.file).replace(/\.py$/, ''),
          file: toCwd(r.file),
          reversible: r.reversible,
          irreversibleDeclared: r.declared,
          ...(r.reversible ? {} : { irreversibleHint: ALEMBIC_HINT }),
        }),
      );
    },
    async findings() {
      const { heads } = await load();
      if (heads.length <= 1) return [];
      const finding: ToolFinding = {
        kind: 'multiple-heads',
        severity: 'error',
        message: `Alembic has ${heads.length} heads (${heads.map((h) => `${h.revision} in ${toCwd(h.file)}`).join(', ')}): merge them with "alembic merge heads"`,
        file: toCwd(heads[heads.length - 1]!.file),
        migration: heads[heads.length - 1]!.revision,
      };
      return [finding];
    },
    release: () => spare.release(),
    async open(db): Promise<MigratorSession> {
      const proc =
        (await spare.take({ dbUrl: db.url, backend: alembicBackend(db.engine) })) ??
        (await startAlembic(project, options, log, db));
      try {
        await proc.request('open');
      } catch (error) {
        await proc.close();
        throw error;
      }
      // Offline SQL depends only on the revision: render it once per direction (re-apply reuses it).
      const offline = new Map<string, string[]>();
      const mask = maskerFor(db);
      const step = async (migration: Migration, direction: 'up' | 'down'): Promise<StepResult> => {
        const key = `${direction}:${migration.id}`;
        const cached = offline.get(key);
        const reply = await withPrinted(attribution(migration.name, direction), log, mask, () =>
          proc.request<StepReply>(direction, { revision: migration.id, offline: !cached }),
        );
        const printed = {
          output: reply.output,
          outputOmitted: reply.outputOmitted,
          executed: reply.executed,
        };
        if (cached) return { statements: cached, ...printed };
        if (reply.offline === null) {
          log.debug(
            `${migration.file}: offline SQL unavailable (${reply.offlineError}); showing the executed statements`,
          );
          return {
            statements: reviewStatements(reply.executed, db.engine, [reply.versionTable]),
            ...printed,
          };
        }
        const statements = reviewStatements(reply.offline, db.engine, [reply.versionTable]);
        offline.set(key, statements);
        return { statements, ...printed };
      };
      return {
        up: (m) => step(m, 'up'),
        down: (m) => step(m, 'down'),
        close: () => proc.close(),
      };
    },
  };
}
