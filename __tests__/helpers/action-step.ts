/**
 * Runs the Action's bundle as GitHub runs a step: node on dist/index.js, INPUT_* variables, an
 * event payload at GITHUB_EVENT_PATH, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, and the API at a
 * local fake GitHub.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
// SCHEMAGATE_E2E_DIST runs another build of the bundle (a developer's scratch build); CI runs dist/.
export const DIST = process.env.SCHEMAGATE_E2E_DIST ?? path.join(ROOT, 'dist/index.js');

export interface StepResult {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Parses GITHUB_OUTPUT's `name<<delimiter ... delimiter` blocks. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) out[m[1]!] = m[3]!;
  return out;
}

export interface StepSpec {
  /** A fresh folder for this step's event, output and summary files. */
  files: string;
  apiUrl: string;
  workspace: string;
  inputs: Record<string, string>;
  event: object;
  eventName?: string;
  runId?: number;
  dist?: string;
  env?: Record<string, string>;
}

export function runStep(spec: StepSpec): Promise<StepResult> {
  const { files } = spec;
  mkdirSync(files, { recursive: true });
  const eventPath = path.join(files, 'event.json');
  writeFileSync(eventPath, JSON.stringify(spec.event));
  const outputFile = path.join(files, 'output');
  const summaryFile = path.join(files, 'summary.md');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? os.tmpdir(),
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: spec.eventName ?? 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_API_URL: spec.apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: String(spec.runId ?? 9000),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKSPACE: spec.workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: path.join(files, 'tmp'),
    // Docker is not the provider under test: the URL is.
    TESTCONTAINERS_RYUK_DISABLED: 'true',
  };
  for (const [name, value] of Object.entries(spec.inputs))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  Object.assign(env, spec.env);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [spec.dist ?? DIST],
      { cwd: spec.workspace, env, timeout: 180_000, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({
          code: error ? ((error as { code?: number }).code ?? 1) : 0,
          stdout,
          stderr,
          outputs: parseOutputs(readFileSync(outputFile, 'utf8')),
          summary: readFileSync(summaryFile, 'utf8'),
        });
      },
    );
  });
}
