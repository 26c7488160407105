/**
 * Secrets never reach a log, a comment or a report. Every value registered here (tokens, passwords,
 * whole connection URLs) is replaced by `***` in any text passed through `mask`; URLs found in text
 * lose their password even when they were never registered.
 */
export class Secrets {
  private readonly values = new Set<string>();

  add(value: string | null | undefined): void {
    if (!value || value.length < 3) return;
    this.values.add(value);
    try {
      const decoded = decodeURIComponent(value);
      if (decoded !== value && decoded.length >= 3) this.values.add(decoded);
    } catch {
      // not URI-encoded: nothing more to register
    }
    this.values.add(encodeURIComponent(value));
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
