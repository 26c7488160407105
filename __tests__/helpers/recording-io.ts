/** An ActionIO that records everything the Action says, for tests. */
import type { ActionIO, AnnotationProps } from '../../src/github/action-io.js';

export class RecordingIO implements ActionIO {
  readonly secrets: string[] = [];
  readonly outputs: Record<string, string> = {};
  readonly failed: string[] = [];
  readonly log: { level: string; message: string; props?: AnnotationProps }[] = [];
  summary = '';

  constructor(private readonly inputs: Record<string, string>) {}

  getInput(name: string): string {
    return (this.inputs[name] ?? '').trim();
  }
  setSecret(value: string): void {
    this.secrets.push(value);
  }
  setOutput(name: string, value: string): void {
    this.outputs[name] = value;
  }
  setFailed(message: string): void {
    this.failed.push(message);
  }
  info(message: string): void {
    this.log.push({ level: 'info', message });
  }
  debug(message: string): void {
    this.log.push({ level: 'debug', message });
  }
  warning(message: string, props?: AnnotationProps): void {
    this.log.push({ level: 'warning', message, props });
  }
  error(message: string, props?: AnnotationProps): void {
    this.log.push({ level: 'error', message, props });
  }
  async appendSummary(markdown: string): Promise<void> {
    this.summary += markdown;
  }

  /** Everything written anywhere but setSecret, as one text. */
  everything(): string {
    return [
      JSON.stringify(this.outputs),
      ...this.failed,
      ...this.log.map((l) => `${l.message} ${JSON.stringify(l.props ?? {})}`),
      this.summary,
    ].join('\n');
  }
}
