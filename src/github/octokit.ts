/**
 * The one way schemagate talks to GitHub: an Octokit whose base URL comes from GITHUB_API_URL
 * (GitHub Enterprise Server, and tests pointing it at a local server), with bounded retries.
 */
import { getOctokit } from '@actions/github';
import { DEFAULT_RETRY, type RetryPolicy, retryDelay } from './retry.js';

export type Octokit = ReturnType<typeof getOctokit>;

export interface OctokitOptions {
  retry?: RetryPolicy;
  /** Told about each retry (a line in the log). */
  onRetry?: (message: string) => void;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createOctokit(token: string, baseUrl: string, options: OctokitOptions = {}): Octokit {
  const octokit = getOctokit(token, { baseUrl });
  const policy = options.retry ?? DEFAULT_RETRY;
  const sleep = options.sleep ?? realSleep;
  octokit.hook.wrap('request', async (request, endpoint) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await request(endpoint);
      } catch (error) {
        const delay = retryDelay(error, attempt, policy);
        if (delay === null) throw error;
        const status = (error as { status?: number }).status ?? 'error';
        options.onRetry?.(
          `GitHub API ${endpoint.method} ${endpoint.url} answered ${status}; retrying in ${Math.round(delay / 100) / 10} s`,
        );
        await sleep(delay);
      }
    }
  });
  return octokit;
}
