import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { render } from '../../src/report/renderers.js';

const here = path.dirname(new URL(import.meta.url).pathname);
const fixture = (name: string): Report =>
  JSON.parse(readFileSync(path.join(here, '__fixtures__', `${name}.json`), 'utf8')) as Report;

describe('the renderer registry', () => {
  it.each(['pass', 'fail', 'drift'])('renders the %s comment exactly as the golden file', async (name) => {
    const golden = readFileSync(path.join(here, '__golden__', `${name}.md`), 'utf8');
    expect(await render('markdown', fixture(name))).toBe(golden);
  });

  it('writes the report file as the Report itself, which reads back equal', async () => {
    const report = fixture('fail');
    const text = await render('json', report);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(report);
  });

  it('annotates failing migrations on their files under the working directory', async () => {
    const notes = await render('annotations', fixture('fail'), { workingDirectory: 'api' });
    expect(notes.map((n) => n.props.file)).toContain('api/migrations/20240302081500_add_order_total.js');
    expect(notes.every((n) => !n.message.includes('&lt;'))).toBe(true);
  });

  it('prints the console report, quieter when asked', async () => {
    const report = fixture('fail');
    const normal = await render('console', report);
    const quiet = await render('console', report, { verbosity: 'quiet' });
    expect(normal).toContain('20240302081500_add_order_total');
    expect(quiet.length).toBeLessThanOrEqual(normal.length);
  });

  it('marks the comment for its configuration and sums the run up in the job summary', async () => {
    const report = fixture('fail');
    expect(
      (await render('markdown', report, { configKey: 'cli' })).startsWith('<!-- schemagate:cli -->'),
    ).toBe(true);
    expect(await render('summary', report)).toContain('20240302081500_add_order_total.js');
  });
});
