import {
  DEFAULT_ENGINE,
  ENGINE_NAMES,
  ENGINES,
  type EngineName,
  enginesForScheme,
} from '../dialects/registry.js';
import { UsageError } from '../errors.js';
import type { Logger } from '../log.js';
import { adminServer } from './admin/admin-server.js';
import type { Cleanup } from './cleanup.js';
import { connectionError } from './connect-errors.js';
import type { EngineSpec, Provider, Server } from './provider.js';

/** Validates a server URL for an engine; the message never contains the URL itself. */
export function parseServerUrl(url: string, flag = '--url'): { engines: EngineName[]; url: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`${flag} is not a valid URL: expected ${ENGINES[DEFAULT_ENGINE].exampleUrl}`);
  }
  const engines = enginesForScheme(parsed.protocol.replace(/:$/, ''));
  if (engines.length === 0) {
    // Each engine by its own name (postgresql:// works too, but one spelling per engine reads better).
    const schemes = ENGINE_NAMES.filter((e) => ENGINES[e].urlSchemes.includes(e)).map((e) => `${e}://`);
    throw new UsageError(
      `${flag} has the scheme '${parsed.protocol.replace(':', '')}': use ${schemes.slice(0, -1).join(', ')} or ${schemes.at(-1)}`,
    );
  }
  if (!parsed.hostname)
    throw new UsageError(`${flag} has no host: expected scheme://user@host:port/database`);
  // mysql2 only understands mysql://; a mariadb:// URL is the same protocol.
  if (parsed.protocol === 'mariadb:') url = `mysql:${url.slice('mariadb:'.length)}`;
  return { engines, url };
}

/**
 * Existing servers. Creates throwaway databases with a recognisable unique prefix and drops them
 * afterwards; never touches any other database. Databases that a killed run left are dropped by the
 * next run (admin/reap.ts).
 */
export function createUrlProvider(urls: string[], cleanup: Cleanup, log: Logger): Provider {
  const parsed = urls.map((u) => parseServerUrl(u));
  return {
    name: 'url',
    async start(spec: EngineSpec): Promise<Server> {
      const match = parsed.find((p) => p.engines.includes(spec.engine));
      if (!match) {
        throw new UsageError(
          `--url has no server for ${spec.engine}: add --url ${ENGINES[spec.engine].urlSchemes[0]}://...`,
        );
      }
      try {
        return await adminServer({ engine: spec.engine, adminUrl: match.url, label: 'url', cleanup, log });
      } catch (error) {
        if (error instanceof UsageError) throw error;
        throw connectionError(match.url, error);
      }
    },
  };
}
