/**
 * When to try a GitHub API call again, and after how long. Server errors (5xx, and network errors,
 * which Octokit reports as 500) back off exponentially; rate limits (429, or 403 with `retry-after`
 * or `x-ratelimit-remaining: 0`, GitHub's secondary limits) wait what GitHub asks. Everything is
 * bounded: a wait longer than `maxDelayMs` gives up instead of hanging the job.
 */

export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  baseMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 4, baseMs: 1_000, maxDelayMs: 60_000 };

interface HttpError {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined> };
}

function header(error: HttpError, name: string): string | undefined {
  const value = error.response?.headers?.[name];
  return value === undefined ? undefined : String(value);
}

export function isRateLimited(error: unknown): boolean {
  const e = error as HttpError;
  if (e?.status === 429) return true;
  if (e?.status !== 403) return false;
  return (
    header(e, 'retry-after') !== undefined ||
    header(e, 'x-ratelimit-remaining') === '0' ||
    /secondary rate limit|rate limit exceeded/i.test(e.message ?? '')
  );
}

/** Milliseconds to wait before retry number `attempt + 1`, or null to give up. */
export function retryDelay(
  error: unknown,
  attempt: number,
  policy: RetryPolicy,
  now = Date.now(),
): number | null {
  if (attempt >= policy.retries) return null;
  const e = error as HttpError;
  const backoff = Math.min(policy.maxDelayMs, policy.baseMs * 2 ** attempt);
  if (isRateLimited(e)) {
    const after = Number(header(e, 'retry-after'));
    if (Number.isFinite(after) && after >= 0 && header(e, 'retry-after') !== undefined) {
      const wait = after * 1000;
      return wait <= policy.maxDelayMs ? wait : null;
    }
    const reset = Number(header(e, 'x-ratelimit-reset'));
    if (header(e, 'x-ratelimit-remaining') === '0' && Number.isFinite(reset)) {
      const wait = Math.max(0, reset * 1000 - now);
      return wait <= policy.maxDelayMs ? wait : null;
    }
    return backoff;
  }
  if (typeof e?.status === 'number' && e.status >= 500) return backoff;
  return null;
}
