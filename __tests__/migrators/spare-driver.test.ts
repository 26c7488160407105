/**
 * The idle driver kept between the listing and the first session (spare-driver.ts), with the real
 * Alembic driver: a taken spare is bound to its database and runs a session there like a fresh
 * driver; one that is never taken ends when released, and one that cannot be bound is not handed out.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { alembicBackend } from '../../src/migrators/python/alembic-project.js';
import { PythonProcess } from '../../src/migrators/python/process.js';
import { SpareDriver } from '../../src/migrators/python/spare-driver.js';
import { processesMarked } from '../helpers/leftovers.js';
import { fixture, PYTHON, snapshot, throwaway } from './helpers.js';

const marker = randomBytes(6).toString('hex');
const started: PythonProcess[] = [];
afterEach(async () => {
  for (const proc of started.splice(0)) await proc.close();
});

function startUnbound(): Promise<PythonProcess> {
  const dir = fixture('alembic', 'clean');
  return PythonProcess.start({
    python: PYTHON,
    driver: 'alembic_driver',
    config: { ini: `${dir}/alembic.ini`, scriptLocation: null, dbUrl: null, backend: null, projectRoot: dir },
    cwd: dir,
    env: { SCHEMAGATE_TEST_SPARE: marker },
    tool: 'alembic',
    log: silentLogger,
  }).then((proc) => {
    started.push(proc);
    return proc;
  });
}

/** Live processes started by this file. */
const alive = () => processesMarked('SCHEMAGATE_TEST_SPARE', marker).length;

describe('SpareDriver', () => {
  it('hands out the listing driver bound to the database, where a session then migrates', async () => {
    const proc = await startUnbound();
    const listed = await proc.request<{ revisions: { revision: string }[] }>('list');
    const spare = new SpareDriver();
    spare.keep(proc);
    const db = await throwaway('postgres');
    const taken = await spare.take({ dbUrl: db.url, backend: alembicBackend('postgres') });
    expect(taken).toBe(proc);
    expect(
      await spare.take({ dbUrl: db.url, backend: 'postgresql' }),
      'a spare is handed out once',
    ).toBeNull();
    await taken!.request('open');
    await taken!.request('up', { revision: listed.revisions[0]!.revision });
    try {
      const schema = await snapshot(db);
      expect(Object.values(schema.tables).map((t) => t.name)).toContain('users');
    } finally {
      await db.drop();
    }
  });

  it('ends a spare nobody took when released', async () => {
    const spare = new SpareDriver();
    spare.keep(await startUnbound());
    expect(alive()).toBe(1);
    await spare.release();
    expect(alive()).toBe(0);
    expect(await spare.take({ dbUrl: 'postgres://x@127.0.0.1/none', backend: 'postgresql' })).toBeNull();
  });

  it('does not hand out a spare that has died', async () => {
    const proc = await startUnbound();
    const spare = new SpareDriver();
    spare.keep(proc);
    await proc.close();
    expect(await spare.take({ dbUrl: 'postgres://x@127.0.0.1/none', backend: 'postgresql' })).toBeNull();
  });
});
