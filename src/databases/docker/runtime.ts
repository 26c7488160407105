import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { type ContainerRuntimeClient, getContainerRuntimeClient } from 'testcontainers';
import { errorMessage, InfraError } from '../../errors.js';

const DEFAULT_SOCKET = '/var/run/docker.sock';

/** Where testcontainers looks for Docker first, as the user would write it in DOCKER_HOST. */
export function dockerEndpoint(): string {
  return process.env.DOCKER_HOST || `unix://${DEFAULT_SOCKET}`;
}

export function unreachableError(cause?: unknown): InfraError {
  return new InfraError(
    `Docker is not reachable at ${dockerEndpoint()}: start Docker or use --provider embedded / --url`,
    cause === undefined ? undefined : { cause },
  );
}

/** Rejects with `onTimeout()` when `promise` takes longer than `ms`; never keeps the process alive. */
export function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * testcontainers' client (cached by testcontainers once it works), or the one-line "Docker is not reachable"
 * error. The time limit matters for a DOCKER_HOST on a host that drops packets: connecting would hang.
 */
export async function connectDocker(timeoutMs = 15_000): Promise<ContainerRuntimeClient> {
  // testcontainers falls back to the default socket when DOCKER_HOST does not answer; a DOCKER_HOST the user
  // set explicitly should win, so a dead one is reported rather than silently replaced.
  const host = process.env.DOCKER_HOST;
  if (host && /^(unix|tcp):\/\//.test(host) && !(await ping(host, 5_000))) throw unreachableError();
  try {
    return await withTimeout(
      getContainerRuntimeClient(),
      timeoutMs,
      () => new Error(`no answer in ${timeoutMs} ms`),
    );
  } catch (error) {
    throw unreachableError(error);
  }
}

/** GET /_ping on a unix:// or tcp:// endpoint: true when anything answers over HTTP within the time. */
function ping(endpoint: string, timeoutMs: number): Promise<boolean> {
  const target = endpoint.startsWith('unix://')
    ? { socketPath: endpoint.slice('unix://'.length) }
    : (() => {
        const url = new URL(endpoint.replace(/^tcp:/, 'http:'));
        return { host: url.hostname, port: Number(url.port || 2375) };
      })();
  return new Promise((resolve) => {
    const req = request({ ...target, path: '/_ping', method: 'GET', timeout: timeoutMs }, (res) => {
      res.resume();
      // Any HTTP answer means an engine listens (a TLS-only port answers 400 to plain HTTP, and is still Docker).
      resolve(true);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

/**
 * Whether a Docker engine answers, within about `timeoutMs` (default 2 s), for choosing the provider by itself.
 * An explicit DOCKER_HOST or the standard socket is pinged directly; otherwise testcontainers' own discovery
 * (Docker Desktop, rootless sockets, ~/.testcontainers.properties) decides.
 */
export async function dockerAvailable(timeoutMs = 2_000): Promise<boolean> {
  const host = process.env.DOCKER_HOST;
  if (host && /^(unix|tcp):\/\//.test(host)) return ping(host, timeoutMs);
  if (!host && existsSync(DEFAULT_SOCKET)) return ping(`unix://${DEFAULT_SOCKET}`, timeoutMs);
  try {
    await withTimeout(getContainerRuntimeClient(), timeoutMs, () => new Error('timeout'));
    return true;
  } catch {
    return false;
  }
}

/** The first line of an error, for one-line messages. */
export function firstLine(error: unknown, max = 200): string {
  const line = errorMessage(error).split('\n')[0]!.trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
