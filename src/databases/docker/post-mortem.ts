/**
 * What a container said and did before it failed to start, for the one-line error. Asked after the fact
 * because testcontainers may have removed the container, or never attached to its logs, by the time it reports
 * the failure.
 */
import type { Readable } from 'node:stream';
import type { ContainerRuntimeClient } from 'testcontainers';
import { listByLabel } from './leftovers.js';
import { withTimeout } from './runtime.js';

const MAX_LINE = 160;

function shorten(line: string): string {
  const clean = line.replaceAll('"', "'");
  return clean.length > MAX_LINE ? `${clean.slice(0, MAX_LINE - 1)}…` : clean;
}

/**
 * `exited with code N` when the labelled container stopped by itself since `since` (a Unix time in seconds),
 * else null. Asked from Docker's event history because testcontainers removes a container that failed to
 * become ready before it reports the failure. Stopping from outside (testcontainers after a time-out, or a
 * removal) sends a `kill` first; a server that quit on its own only `die`s.
 */
export async function exitedOnItsOwn(
  client: ContainerRuntimeClient,
  label: string,
  since: number,
): Promise<string | null> {
  try {
    const stream = (await client.container.dockerode.getEvents({
      since,
      // Docker streams until `until`, so a second ahead costs at most a second, and only on a failed start.
      until: Math.ceil(Date.now() / 1000) + 1,
      filters: { type: ['container'], label: [label], event: ['kill', 'die'] },
    })) as Readable;
    let text = '';
    const read = (async () => {
      for await (const chunk of stream) text += chunk.toString();
    })();
    await withTimeout(read, 5_000, () => new Error('no event history')).finally(() => stream.destroy());
    let killed = false;
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      const event = JSON.parse(line) as { Action?: string; Actor?: { Attributes?: Record<string, string> } };
      if (event.Action === 'kill') killed = true;
      if (event.Action === 'die' && !killed)
        return `exited with code ${event.Actor?.Attributes?.exitCode ?? '?'}`;
    }
    return null;
  } catch {
    return null;
  }
}

/** Splits Docker's multiplexed log format (8-byte frame headers) into text. */
function demux(buffer: Buffer): string {
  let text = '';
  let at = 0;
  while (at + 8 <= buffer.length) {
    const size = buffer.readUInt32BE(at + 4);
    text += buffer.subarray(at + 8, at + 8 + size).toString();
    at += 8 + size;
  }
  return text;
}

/** The labelled container's last non-empty log line, if it still exists. */
export async function lastLogLine(client: ContainerRuntimeClient, label: string): Promise<string | null> {
  try {
    const [c] = await listByLabel(client, label);
    if (!c) return null;
    const raw = (await client.container.dockerode
      .getContainer(c.id)
      .logs({ stdout: true, stderr: true, tail: 20, follow: false })) as unknown as Buffer;
    const lines = demux(raw)
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    return lines.length > 0 ? shorten(lines.at(-1)!) : null;
  } catch {
    return null;
  }
}

/** Keeps the container's last few log lines, to say in an error what the server said last. */
export class LogTail {
  private readonly lines: string[] = [];

  follow(stream: Readable): void {
    stream.on('data', (chunk: Buffer | string) => {
      for (const line of chunk.toString().split('\n')) {
        const trimmed = line.trim();
        if (trimmed) this.lines.push(trimmed);
      }
      this.lines.splice(0, Math.max(0, this.lines.length - 20));
    });
    stream.on('error', () => {});
  }

  last(): string | null {
    const line = this.lines.at(-1);
    return line ? shorten(line) : null;
  }
}
