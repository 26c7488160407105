/**
 * Where progress and messages go. The CLI prints to the terminal, the Action to the workflow log,
 * tests to an array. Every line passes through `mask` first, so a connection URL or a token never
 * reaches any of them.
 */
export interface Logger {
  /** Progress: which engine, which migration, what step. Hidden with --quiet. */
  progress(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  /** Only with --verbose. */
  debug(message: string): void;
}

export const silentLogger: Logger = {
  progress() {},
  info() {},
  warn() {},
  debug() {},
};

/**
 * Text for a terminal. Messages from migrations and servers may carry control characters (an
 * escape sequence that clears the screen or retitles the window, a `\r` that overwrites the line
 * before it): each is shown as a visible `\xNN` escape instead. Newlines and tabs stay; `\r\n`
 * becomes `\n`.
 */
export function terminalSafe(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  return text.replace(/\r\n|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) =>
    c === '\r\n' ? '\n' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}
