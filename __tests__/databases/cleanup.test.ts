/**
 * The run's Cleanup registry: what a user relies on when a run is stopped is that nothing is left
 * running when it says it has released everything.
 */
import { describe, expect, it } from 'vitest';
import { Cleanup } from '../../src/databases/cleanup.js';

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Cleanup', () => {
  it('releaseAll waits for an early release that is still running (a lane dropping its database as the run stops)', async () => {
    const cleanup = new Cleanup();
    const events: string[] = [];
    const dropEarly = cleanup.add('database a', async () => {
      await later(100);
      events.push('a dropped');
    });
    cleanup.add('database b', () => {
      events.push('b dropped');
    });
    const early = dropEarly();
    const failed = await cleanup.releaseAll();
    events.push('released all');
    await early;
    expect(failed).toEqual([]);
    expect(events).toEqual(['b dropped', 'a dropped', 'released all']);
  });

  it('releases each resource once, whoever asks first', async () => {
    const cleanup = new Cleanup();
    let drops = 0;
    const drop = cleanup.add('database', async () => {
      await later(20);
      drops++;
    });
    await Promise.all([drop(), cleanup.releaseAll(), drop()]);
    expect(drops).toBe(1);
    expect(cleanup.size).toBe(0);
  });

  it('names a release that failed, and still releases the rest', async () => {
    const cleanup = new Cleanup();
    let released = false;
    cleanup.add('first', () => {
      released = true;
    });
    cleanup.add('database x', () => Promise.reject(new Error('in use')));
    expect(await cleanup.releaseAll()).toEqual(['database x: in use']);
    expect(released).toBe(true);
  });
});
