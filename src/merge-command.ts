/**
 * `schemagate merge REPORT...`: joins a CI matrix's reports (engines, versions, `--shard I/N`
 * parts) into one report with one verdict (report/merge.ts), prints it, writes `--json` and
 * `--markdown` like `check` does, and exits 0 (pass) or 1 (fail) under `--fail-on`. The merged
 * report is a normal report: `schemagate comment --report` posts it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';
import { mergeReportFiles } from './github/merge-reports.js';
import type { Logger } from './log.js';
import { render } from './report/renderers.js';
import type { Secrets } from './secrets.js';
import { DEFAULT_FAIL_ON, parseFailOn } from './vocabulary/fail-on.js';

export const MERGE_HELP = `Usage: schemagate merge REPORT... [flags]

Joins the reports of a CI matrix's legs (schemagate check --json FILE, or the Action's 'report'
output) into one report with one verdict: legs of other engines or versions become one engine
section each; the N shards of one engine (--shard I/N) are joined into what one job checking the
whole history finds. Every report is untrusted input, validated as schemagate comment validates it.

  --json FILE       write the merged report as JSON (schemagate comment --report posts it)
  --markdown FILE   write the PR comment body as markdown
  --fail-on KINDS   which problems fail, as check's --fail-on (default: every failed check);
                    give the legs' own value
  --key KEY         the comment's configuration key (default: <working directory>:merged)
  --quiet           print nothing but errors
Exit codes: 0 pass, 1 a check failed, 2 the reports cannot be read or do not join.`;

export async function mergeCommand(
  argv: string[],
  io: { log: Logger; secrets: Secrets; out: (text: string) => void },
): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError(
      `${(error as Error).message.replace(/\. To specify.*$/s, '')}: run schemagate merge --help`,
    );
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(MERGE_HELP);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('no report to merge: run schemagate merge --help');
  let failOn = new Set(DEFAULT_FAIL_ON);
  if (values['fail-on'] !== undefined) {
    const kinds = parseFailOn(values['fail-on']);
    if ('error' in kinds) throw new UsageError(`--fail-on: ${kinds.error}`);
    failOn = kinds.kinds;
  }
  const { report, reasons } = await mergeReportFiles(
    positionals,
    { failOn, configKey: values.key ?? null },
    io.secrets,
  );
  const masked = (text: string) => io.secrets.mask(text);
  if (!values.quiet) io.out(masked(await render('console', report, { verbosity: 'normal' })));
  if (values.json) await writeOut(values.json, masked(await render('json', report)));
  if (values.markdown) await writeOut(values.markdown, masked(await render('markdown', report)));
  for (const r of reasons) io.log.debug(r.message);
  return report.status === 'pass' ? 0 : 1;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      json: { type: 'string' },
      markdown: { type: 'string' },
      'fail-on': { type: 'string' },
      key: { type: 'string' },
      quiet: { type: 'boolean' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

async function writeOut(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFile(file, text);
}
