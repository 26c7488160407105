/**
 * The pull request's changed files: the API first, git when the API fails, nothing (with a
 * warning) when neither works. Without them every migration gets the full round trip and the pull
 * request findings are skipped, which is slower but never wrong.
 */
import { errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import type { PullRequestContext, Repo } from './context.js';
import type { Octokit } from './octokit.js';
import { type GitRunner, listFilesFromApi, listFilesFromGit, realGit } from './pr-files.js';
import type { FileChange } from './pr-findings.js';

export interface ChangedFilesDeps {
  octokit: Octokit | null;
  repo: Repo | null;
  pr: PullRequestContext;
  /** Where to run git: the repository checkout. */
  gitCwd: string;
  git?: GitRunner;
  log: Logger;
}

export async function pullRequestChanges(deps: ChangedFilesDeps): Promise<FileChange[] | null> {
  const { octokit, repo, pr, log } = deps;
  if (octokit && repo) {
    try {
      const files = await listFilesFromApi(octokit, repo, pr.number);
      log.debug(`pull request #${pr.number} changes ${files.length} files (API)`);
      return files;
    } catch (error) {
      log.warn(
        `could not list the pull request's files through the API (${errorMessage(error)}); trying git`,
      );
    }
  }
  if (pr.baseSha && pr.headSha) {
    try {
      const files = await listFilesFromGit(deps.gitCwd, pr.baseSha, pr.headSha, deps.git ?? realGit);
      log.debug(`pull request #${pr.number} changes ${files.length} files (git)`);
      return files;
    } catch (error) {
      log.warn(
        `could not list the pull request's files with git either (${errorMessage(error).split('\n')[0]}): every migration gets the full round trip and the pull request findings are skipped. Give the step a github-token, or check out with fetch-depth: 0.`,
      );
    }
  }
  return null;
}
