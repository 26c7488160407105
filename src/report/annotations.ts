/**
 * The report as GitHub annotations: one error per failing migration (all engines in one message) on
 * its file, and one per error finding that names a file. Plain text: annotations are not markdown.
 */
import { checkDetail, checkTitle } from './markdown-migration.js';
import type { Report } from './model.js';

/** Where an annotation points (the fields @actions/core takes). */
export interface AnnotationProps {
  title?: string;
  file?: string;
  startLine?: number;
}

export interface Annotation {
  message: string;
  props: AnnotationProps;
}

/** `working-directory` + a project-relative path: the repository-relative path annotations need. */
export function repoPath(workingDirectory: string, file: string): string {
  const dir = workingDirectory.replace(/^\.?\/*|\/+$/g, '');
  return dir === '' || dir === '.' ? file : `${dir}/${file}`;
}

/** Plain text of a check's detail (annotations are not markdown). */
function plain(text: string): string {
  return text
    .replace(/&#8203;/g, '')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** One error annotation per failing migration (all engines in one message), and one per error finding with a file. */
export function annotations(report: Report, workingDirectory: string): Annotation[] {
  const byFile = new Map<string, { name: string; lines: string[] }>();
  for (const e of report.engines) {
    for (const m of e.migrations) {
      if (m.status !== 'fail') continue;
      const entry = byFile.get(m.file) ?? { name: m.name, lines: [] };
      for (const c of m.checks.filter((x) => x.status === 'fail')) {
        entry.lines.push(
          `${e.engine} ${e.version}: ${checkTitle(c.check)} failed${checkDetail(c) ? `: ${plain(checkDetail(c))}` : ''}`,
        );
        if (c.fix && c.fix.sql.length > 0) {
          entry.lines.push(
            `  How to fix: ${c.fix.sql.length} statement(s) in the comment (${c.fix.proven ? 'proven on a throwaway database' : 'not proven'})`,
          );
        }
      }
      byFile.set(m.file, entry);
    }
  }
  const out: Annotation[] = [...byFile].map(([file, { name, lines }]) => ({
    message: lines.join('\n'),
    props: { title: `schemagate: migration ${name} failed`, file: repoPath(workingDirectory, file) },
  }));
  for (const f of [...report.findings, ...report.engines.flatMap((e) => e.findings)]) {
    if (f.severity !== 'error' || !f.file) continue;
    out.push({
      message: f.message,
      props: { title: `schemagate: ${f.kind}`, file: repoPath(workingDirectory, f.file) },
    });
  }
  return out;
}
