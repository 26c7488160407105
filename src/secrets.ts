import { escapeText } from './report/markdown-escape.js';

/**
 * Secrets never reach a log, a comment or a report. Every value registered here (tokens, passwords,
 * whole connection URLs) is replaced by `***` in any text passed through `mask`; URLs found in text
 * lose their password even when they were never registered.
 *
 * Masking text after it was rendered only finds the forms it knows: a password with `"` or `\` is
 * written `\"` in JSON and `&#92;` in markdown. So the report is masked first, value by value
 * (`maskReport`), before anything renders it; the escaped forms registered here are the second
 * line of defence for text that was built some other way.
 */
export class Secrets {
  private readonly values = new Set<string>();

  add(value: string | null | undefined): void {
    if (!value || value.length < 3) return;
    const raw = new Set([value]);
    try {
      const decoded = decodeURIComponent(value);
      if (decoded !== value) raw.add(decoded);
    } catch {
      // not URI-encoded: nothing more to register
    }
    for (const v of raw) {
      for (const form of [
        v,
        encodeURIComponent(v),
        JSON.stringify(v).slice(1, -1),
        escapeText(v, Number.POSITIVE_INFINITY),
        JSON.stringify(escapeText(v, Number.POSITIVE_INFINITY)).slice(1, -1),
      ]) {
        if (form.length >= 3) this.values.add(form);
      }
    }
  }

  /** Registers a connection URL: the whole URL and its password. */
  addUrl(url: string | null | undefined): void {
    if (!url) return;
    this.add(url);
    try {
      const parsed = new URL(url);
      if (parsed.password) this.add(parsed.password);
    } catch {
      // malformed URLs are reported without their text, see describeUrl
    }
  }

  mask(text: string): string {
    let out = text;
    // Longest first, so a URL is masked whole before its password is.
    for (const value of [...this.values].sort((a, b) => b.length - a.length)) {
      out = out.split(value).join('***');
    }
    return maskUrlPasswords(out);
  }
}

/**
 * The report with every string masked, before it is rendered or serialised: a secret is then
 * replaced in its raw form, whatever escaping a renderer applies afterwards.
 */
export function maskReport<T>(report: T, secrets: Secrets): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return secrets.mask(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(report) as T;
}

/** `scheme://user:secret@host` -> `scheme://user:***@host`, anywhere in a text. */
export function maskUrlPasswords(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*):([^@/\s]*)@/gi, '$1:***@');
}

/** A URL safe to show: scheme, user, host, port and database, never the password or query. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    const user = u.username ? `${decodeURIComponent(u.username)}${u.password ? ':***' : ''}@` : '';
    return `${u.protocol}//${user}${u.host}${u.pathname}`;
  } catch {
    return '(malformed URL)';
  }
}
