/**
 * Every way a Report is shown, behind one registry: the CLI (check-command.ts), the Action
 * (github/run-action.ts) and the fork-safe comment (github/comment-command.ts) all render through
 * it, so a format is defined once and reads nothing but the Report and the few facts of where it
 * goes (RenderContext).
 *
 * Each renderer loads its module when first used: a CLI run without `--markdown` never loads the
 * markdown renderer.
 */
import type { Annotation } from './annotations.js';
import type { Report } from './model.js';

/** Where a rendering goes; each renderer reads only the fields it needs. */
export interface RenderContext {
  /** console: how much to print. */
  verbosity?: 'quiet' | 'normal' | 'verbose';
  /** markdown: which configuration the comment is for (its hidden marker); defaults to the report's. */
  configKey?: string | null;
  /** markdown: the workflow run to link; defaults to the report's pull request's. */
  runUrl?: string | null;
  /** annotations: the Action's `working-directory`, which prefixes the report's project paths. */
  workingDirectory?: string;
}

/** What each renderer produces. */
export interface Renderings {
  /** The terminal report (stdout). */
  console: string;
  /** The report file (`--json`, the Action's `report` output): the Report itself. */
  json: string;
  /** The pull request comment, and the CLI's `--markdown` file. */
  markdown: string;
  /** The job summary: every migration, up to 1 MiB. */
  summary: string;
  /** Error annotations on the migrations' files. */
  annotations: Annotation[];
}

export type RendererName = keyof Renderings;

type Registry = { [K in RendererName]: (report: Report, ctx: RenderContext) => Promise<Renderings[K]> };

export const renderers: Registry = {
  console: async (report, ctx) =>
    (await import('./console.js')).renderConsole(report, ctx.verbosity ?? 'normal'),
  json: async (report) => `${JSON.stringify(report, null, 2)}\n`,
  markdown: async (report, ctx) =>
    (await import('./markdown.js')).renderComment(report, {
      ...(ctx.configKey !== undefined ? { configKey: ctx.configKey } : {}),
      ...(ctx.runUrl !== undefined ? { runUrl: ctx.runUrl } : {}),
    }),
  summary: async (report) => (await import('./markdown.js')).renderSummary(report),
  annotations: async (report, ctx) =>
    (await import('./annotations.js')).annotations(report, ctx.workingDirectory ?? '.'),
};

/** Renders `report` as `name`. */
export function render<K extends RendererName>(
  name: K,
  report: Report,
  ctx: RenderContext = {},
): Promise<Renderings[K]> {
  return renderers[name](report, ctx);
}
