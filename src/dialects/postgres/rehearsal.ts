/**
 * The Postgres rehearsal (src/rehearsal/rehearsal.ts). With a superuser, event triggers measure in the
 * migration's own backend: the lock probe (lock-probe.ts) records each DDL statement's locks and work,
 * and the content capture (content-capture-install.ts) summarises each table just before DDL first
 * touches it, so the data comparison costs the tables the migration touches, not the whole schema.
 * Without one, locks cannot be measured (said in the report) and content is summarised for every
 * table before the up, as on MySQL.
 */
import type pg from 'pg';
import type { Content } from '../../rehearsal/content.js';
import {
  contentTables,
  type DownFacts,
  lostSince,
  type Measured,
  type Rehearsal,
  type RehearsalOptions,
} from '../../rehearsal/rehearsal.js';
import { seedEmptyTables } from '../../rehearsal/seed.js';
import { connectPg } from './connect.js';
import { postgresContent, takeCapturedContentAndNow } from './content.js';
import { hazardsOf, installProbes, type LockRecord, quietOf, takeLockLog } from './lock-probe.js';
import { postgresSeedTarget } from './seed-target.js';

const RESET_AND_ON =
  'DELETE FROM _schemagate.lock_log; DELETE FROM _schemagate.content_before; UPDATE _schemagate.probe_switch SET on_ = true';
const PROBES_OFF = 'UPDATE _schemagate.probe_switch SET on_ = false';

const NOT_SUPERUSER =
  'locks not measured: the URL\u2019s role is not a superuser, and measuring needs event triggers';

export async function openPostgresRehearsal(url: string, options: RehearsalOptions): Promise<Rehearsal> {
  const client = await connectPg(url);
  try {
    if (options.superuser) {
      await installProbes(client);
      await client.query(PROBES_OFF);
    }
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
  return new PostgresRehearsal(client, options);
}

class PostgresRehearsal implements Rehearsal {
  /** Without the capture trigger: every table's content, taken before the up. */
  private before: Content | null = null;
  /** The probes are on (from the seed or beforeUp until afterDown or finish). */
  private probing = false;
  /** The reset that switches the probes on, sent and not yet awaited. */
  private armed: Promise<unknown> | null = null;

  constructor(
    private readonly client: pg.Client,
    private readonly options: RehearsalOptions,
  ) {}

  seed(schema: Parameters<Rehearsal['seed']>[0], tables: string[] | null) {
    // The probes' reset goes out with the seed's first query instead of a round trip of its own
    // (the connection is pipelined). Seeding is data, which fires no event trigger, so switching
    // the probes on before it measures nothing extra.
    if (this.options.superuser) this.arm();
    return seedEmptyTables(schema, postgresSeedTarget(this.client), { rows: this.options.rows, tables });
  }

  private arm(): Promise<unknown> {
    if (!this.armed) {
      this.armed = this.client.query(RESET_AND_ON);
      this.armed.catch(() => {}); // awaited by beforeUp; a failure there is the one reported
      this.probing = true;
    }
    return this.armed;
  }

  async beforeUp(schema: Parameters<Rehearsal['beforeUp']>[0]): Promise<void> {
    if (this.options.superuser) {
      await this.arm();
      this.armed = null;
    } else {
      this.before = await postgresContent(this.client, contentTables(schema));
    }
  }

  async afterUp(): Promise<Measured> {
    if (!this.options.superuser) return { hazards: [], notes: [], unmeasured: NOT_SUPERUSER };
    return measured(await takeLockLog(this.client), 'up');
  }

  async afterDown(facts: Promise<DownFacts>) {
    if (!this.options.superuser) {
      const args = await facts;
      const after = await postgresContent(
        this.client,
        contentTables(args.afterDown, Object.keys(this.before ?? {})),
      );
      const lost = lostSince(this.before ?? {}, after, args.before);
      return { hazards: [], notes: [], unmeasured: NOT_SUPERUSER, lost };
    }
    // One round trip for all of it (the connection is pipelined), sent before the step check's
    // snapshot of the down is back: the lock log, the content captured before the DDL and the same
    // tables now, and the switch off (the re-apply after this is not measured, its hazards would be
    // the up's again). Only the comparison waits for the schema before the up.
    const [records, content, , args] = await Promise.all([
      takeLockLog(this.client),
      takeCapturedContentAndNow(this.client),
      this.client.query(PROBES_OFF),
      facts,
    ]);
    this.probing = false;
    const locks = measured(records, 'down');
    return { ...locks, lost: lostSince(content.before, content.now, args.before) };
  }

  async afterReapply(): Promise<Measured> {
    return { hazards: [], notes: [] };
  }

  async finish(): Promise<void> {
    // A migration with no down, or whose down failed, never reached afterDown: stop measuring.
    if (!this.probing) return;
    this.armed = null;
    await this.client.query(PROBES_OFF);
    this.probing = false;
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => {});
  }
}

function measured(records: LockRecord[], direction: 'up' | 'down'): Measured {
  return { hazards: hazardsOf(records, direction), notes: [], quiet: quietOf(records) };
}
