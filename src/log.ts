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
