/**
 * The Action's outputs, computed from the final report. Pure. (The annotations are a renderer:
 * report/annotations.ts, through the registry in report/renderers.ts.)
 */
import { failedMigrationIds, hasDrift } from '../report/markdown-status.js';
import type { Report } from '../report/model.js';

export function actionOutputs(report: Report, reportPath: string): Record<string, string> {
  return {
    status: report.status,
    report: reportPath,
    'failed-migrations': JSON.stringify(failedMigrationIds(report)),
    drift: hasDrift(report) ? 'true' : 'false',
  };
}
