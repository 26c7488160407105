/**
 * A local stand-in for GitHub's REST API (node:http on 127.0.0.1, a random port) for the endpoints
 * schemagate uses: issue comments (list with Link pagination, create, update), pull request files
 * (paginated), open pull requests, and who the token is (GET /user, GraphQL `viewer`).
 *
 * Identities are GitHub's: a `ghs_` token is an installation token (the Actions GITHUB_TOKEN): GET
 * /user answers 403 "Resource not accessible by integration", GraphQL's viewer is
 * `github-actions[bot]`, and its comments are written by `github-actions[bot]` (type Bot). Any
 * other token is a user's (`users` maps it to a login; `octo-user` by default). It records every request, and can be told to fail: a 403
 * like a fork's read-only token, a 502, or a secondary rate limit.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path with query string. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: 'User' | 'Bot' };
  html_url: string;
}

export interface FakeFile {
  filename: string;
  status: string;
  previous_filename?: string;
}

export interface CannedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

interface Failure {
  method?: string;
  pathIncludes?: string;
  response: CannedResponse;
  remaining: number;
}

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly comments = new Map<number, FakeComment[]>();
  readonly files = new Map<number, FakeFile[]>();
  readonly pulls: { number: number; head: { sha: string } }[] = [];
  /** User tokens and their logins; `ghs_` tokens are the Actions bot. */
  readonly users = new Map<string, string>();
  private readonly failures: Failure[] = [];
  private server: Server | null = null;
  private nextId = 1000;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch((error) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: String(error) }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  /** The next `times` requests that match answer `response` instead. */
  fail(match: { method?: string; pathIncludes?: string }, response: CannedResponse, times = 1): void {
    this.failures.push({ ...match, response, remaining: times });
  }

  /** Forgets canned failures that were not consumed, so one test's setup cannot leak into the next. */
  clearFailures(): void {
    this.failures.length = 0;
  }

  /** Comment writes answer 403 like a fork's read-only GITHUB_TOKEN. */
  forbidCommentWrites(times = Number.POSITIVE_INFINITY): void {
    this.fail(
      { method: 'POST', pathIncludes: '/comments' },
      { status: 403, body: { message: 'Resource not accessible by integration' } },
      times,
    );
    this.fail(
      { method: 'PATCH', pathIncludes: '/comments' },
      { status: 403, body: { message: 'Resource not accessible by integration' } },
      times,
    );
  }

  /** Adds comments that are not ours (other bots, reviewers), to make the list span pages. */
  seedComments(issue: number, count: number, body = (i: number) => `LGTM ${i}`, login = 'someone'): void {
    const list = this.comments.get(issue) ?? [];
    const type = login.endsWith('[bot]') ? 'Bot' : 'User';
    for (let i = 0; i < count; i++) list.push(this.comment(issue, body(i), { login, type }));
    this.comments.set(issue, list);
  }

  /** Who a request's token is, as GitHub would say. */
  identity(authorization: string | string[] | undefined): { login: string; type: 'User' | 'Bot' } {
    const token = String(authorization ?? '').replace(/^(token|bearer)\s+/i, '');
    if (token.startsWith('ghs_')) return { login: 'github-actions[bot]', type: 'Bot' };
    return { login: this.users.get(token) ?? 'octo-user', type: 'User' };
  }

  commentsOn(issue: number): FakeComment[] {
    return this.comments.get(issue) ?? [];
  }

  private comment(issue: number, body: string, user: FakeComment['user']): FakeComment {
    const id = this.nextId++;
    return {
      id,
      body,
      user,
      html_url: `https://github.com/acme/shop/pull/${issue}#issuecomment-${id}`,
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    this.requests.push({ method, path, headers: { ...req.headers }, body: text ? JSON.parse(text) : null });

    const failure = this.failures.find(
      (f) =>
        f.remaining > 0 &&
        (!f.method || f.method === method) &&
        (!f.pathIncludes || path.includes(f.pathIncludes)),
    );
    if (failure) {
      failure.remaining--;
      return send(
        res,
        failure.response.status,
        failure.response.body ?? { message: 'fake failure' },
        failure.response.headers,
      );
    }

    const url = new URL(path, this.url);
    const parts = url.pathname.split('/').filter(Boolean);
    const body = (text ? JSON.parse(text) : {}) as { body?: string; query?: string };
    const me = this.identity(req.headers.authorization);
    if (url.pathname === '/user' && method === 'GET') {
      if (me.type === 'Bot') return send(res, 403, { message: 'Resource not accessible by integration' });
      return send(res, 200, { login: me.login, type: me.type });
    }
    if (url.pathname === '/graphql' && method === 'POST') {
      if (/\bviewer\s*\{\s*login\s*\}/.test(body.query ?? ''))
        return send(res, 200, { data: { viewer: { login: me.login } } });
      return send(res, 200, { errors: [{ message: 'the fake answers only viewer { login }' }] });
    }
    // /repos/{owner}/{repo}/...
    if (parts[0] !== 'repos' || parts.length < 4) return send(res, 404, { message: 'Not Found' });
    const rest = parts.slice(3);

    if (rest[0] === 'issues' && rest[2] === 'comments' && rest.length === 3) {
      const issue = Number(rest[1]);
      if (method === 'GET') return this.page(res, url, this.commentsOn(issue));
      if (method === 'POST') {
        const created = this.comment(issue, String(body.body), me);
        this.comments.set(issue, [...this.commentsOn(issue), created]);
        return send(res, 201, created);
      }
    }
    if (rest[0] === 'issues' && rest[1] === 'comments' && rest.length === 3 && method === 'PATCH') {
      const id = Number(rest[2]);
      for (const list of this.comments.values()) {
        const found = list.find((c) => c.id === id);
        if (found) {
          found.body = String(body.body);
          return send(res, 200, found);
        }
      }
      return send(res, 404, { message: 'Not Found' });
    }
    if (rest[0] === 'pulls' && rest[2] === 'files' && method === 'GET') {
      return this.page(res, url, this.files.get(Number(rest[1])) ?? []);
    }
    if (rest[0] === 'pulls' && rest.length === 1 && method === 'GET') return this.page(res, url, this.pulls);
    return send(res, 404, { message: 'Not Found' });
  }

  /** GitHub's pagination: per_page (default 30, at most 100), page, and a Link header. */
  private page(res: ServerResponse, url: URL, items: unknown[]): void {
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
    const page = Number(url.searchParams.get('page') ?? 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const links: string[] = [];
    const at = (p: number) => {
      const u = new URL(url.toString().replace(/^http:\/\/[^/]+/, this.url));
      u.searchParams.set('page', String(p));
      u.searchParams.set('per_page', String(perPage));
      return u.toString();
    };
    if (page < last) links.push(`<${at(page + 1)}>; rel="next"`, `<${at(last)}>; rel="last"`);
    if (page > 1) links.push(`<${at(1)}>; rel="first"`, `<${at(page - 1)}>; rel="prev"`);
    send(
      res,
      200,
      items.slice((page - 1) * perPage, page * perPage),
      links.length ? { link: links.join(', ') } : {},
    );
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}
