/**
 * Everything the Action says to the runner, behind one interface so that run-action.ts can be
 * tested with a recording sink. The real one is @actions/core.
 */
import * as core from '@actions/core';

import type { AnnotationProps } from '../report/annotations.js';

export type { AnnotationProps };

export interface ActionIO {
  getInput(name: string): string;
  setSecret(value: string): void;
  setOutput(name: string, value: string): void;
  setFailed(message: string): void;
  info(message: string): void;
  debug(message: string): void;
  warning(message: string, props?: AnnotationProps): void;
  error(message: string, props?: AnnotationProps): void;
  /** Appends to the job summary ($GITHUB_STEP_SUMMARY); a no-op outside Actions. */
  appendSummary(markdown: string): Promise<void>;
}

export const coreIO: ActionIO = {
  getInput: (name) => core.getInput(name),
  setSecret: (value) => core.setSecret(value),
  setOutput: (name, value) => core.setOutput(name, value),
  setFailed: (message) => core.setFailed(message),
  info: (message) => core.info(message),
  debug: (message) => core.debug(message),
  warning: (message, props) => core.warning(message, props),
  error: (message, props) => core.error(message, props),
  async appendSummary(markdown) {
    if (!process.env.GITHUB_STEP_SUMMARY) {
      core.debug('no GITHUB_STEP_SUMMARY: the job summary is not written');
      return;
    }
    await core.summary.addRaw(markdown, true).write();
  },
};
