/**
 * The matrix's report files, read as `schemagate comment --report` reads one (untrusted: validated
 * field by field, then masked), and merged into one report and verdict (report/merge.ts). Shared by
 * `schemagate merge` (src/merge-command.ts) and the Action's `mode: merge` (merge-mode.ts).
 */
import type { Assembled } from '../report/assemble.js';
import { type MergeOptions, mergeReports } from '../report/merge.js';
import { maskReport, type Secrets } from '../secrets.js';
import { loadReport } from './comment-command.js';

export async function mergeReportFiles(
  files: string[],
  options: MergeOptions,
  secrets: Secrets,
): Promise<Assembled> {
  const inputs = await Promise.all(
    files.map(async (file) => ({ name: file, report: maskReport(await loadReport(file, file), secrets) })),
  );
  return mergeReports(inputs, options);
}
