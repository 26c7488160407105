/**
 * The MySQL/MariaDB rehearsal (src/rehearsal/rehearsal.ts). Neither server lets DDL be observed from
 * inside, so:
 * - content: every table is summarised before the up and the same tables after the down;
 * - locks: each ALTER is asked about on a scratch copy of its table with its rows (online-ddl.ts), at
 *   the moment the table holds the schema the statement was written for: the up's statements after
 *   a round trip that restored the schema, the down's after the re-apply (which gives the schema
 *   after the up again). When the round trip did not restore the schema, the up is not measured,
 *   and the report says so.
 */
import mysql from 'mysql2/promise';
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
import { mysqlContent } from './content.js';
import { onlineDdlHazards, probeOnlineDdl } from './online-ddl.js';
import { mysqlSeedTarget } from './seed-target.js';
import { serverInfo } from './server.js';

export async function openMysqlRehearsal(url: string, options: RehearsalOptions): Promise<Rehearsal> {
  const connection = await mysql.createConnection({ uri: url.replace(/^mariadb:/i, 'mysql:') });
  connection.on('error', () => {});
  try {
    const [rows] = await connection.query('SELECT VERSION() AS v');
    const engine = serverInfo(String((rows as { v: string }[])[0]!.v)).engine;
    return new MysqlRehearsal(connection, engine, options);
  } catch (error) {
    await connection.end().catch(() => {});
    throw error;
  }
}

/** The statements the online DDL probe can ask about (the rest change no table in place). */
const ALTERS = /^\s*(alter\s+table|create\s+(unique\s+|fulltext\s+|spatial\s+)?index|drop\s+index)\b/i;

class MysqlRehearsal implements Rehearsal {
  private before: Content = {};

  constructor(
    private readonly connection: mysql.Connection,
    private readonly engine: 'mysql' | 'mariadb',
    private readonly options: RehearsalOptions,
  ) {}

  seed(schema: Parameters<Rehearsal['seed']>[0], tables: string[] | null) {
    return seedEmptyTables(schema, mysqlSeedTarget(this.connection), { rows: this.options.rows, tables });
  }

  async beforeUp(schema: Parameters<Rehearsal['beforeUp']>[0]): Promise<void> {
    this.before = await mysqlContent(this.connection, contentTables(schema));
  }

  async afterUp(): Promise<Measured> {
    return { hazards: [], notes: [] };
  }

  async afterDown(facts: Promise<DownFacts>) {
    // Waits for the step check's snapshot: the online-DDL probe below creates scratch tables, which
    // that snapshot must not see.
    const args = await facts;
    const after = await mysqlContent(
      this.connection,
      contentTables(args.afterDown, Object.keys(this.before)),
    );
    const lost = lostSince(this.before, after, args.before);
    const alters = args.up.filter((s) => ALTERS.test(s));
    if (alters.length === 0) return { hazards: [], notes: [], lost };
    if (!args.restored) {
      return {
        hazards: [],
        notes: ['locks of the up not measured: the down did not restore the schema the up was written for'],
        lost,
      };
    }
    const results = await probeOnlineDdl(this.connection, alters, this.engine);
    return {
      hazards: onlineDdlHazards(results, 'up'),
      notes: notMeasured(results),
      quiet: quietOf(results),
      lost,
    };
  }

  async afterReapply(down: string[]): Promise<Measured> {
    const alters = down.filter((s) => ALTERS.test(s));
    if (alters.length === 0) return { hazards: [], notes: [] };
    const results = await probeOnlineDdl(this.connection, alters, this.engine);
    return {
      hazards: onlineDdlHazards(results, 'down'),
      notes: notMeasured(results),
      quiet: quietOf(results),
    };
  }

  async finish(): Promise<void> {}

  async close(): Promise<void> {
    await this.connection.end().catch(() => {});
  }
}

function notMeasured(results: Awaited<ReturnType<typeof probeOnlineDdl>>): string[] {
  return results.flatMap((r) =>
    r.measured || r.relation === null
      ? []
      : [`not measured: ${r.statement.trim().slice(0, 80)}: ${r.reason}`],
  );
}

/** Statements the server does online (INSTANT, or in place with LOCK=NONE) on a table with rows: why they are not hazards. */
function quietOf(results: Awaited<ReturnType<typeof probeOnlineDdl>>): string[] {
  return results.flatMap((r) =>
    r.measured && r.rows > 0 && (r.algorithm === 'INSTANT' || (r.algorithm !== 'COPY' && r.lock === 'NONE'))
      ? [
          `${r.statement.trim().slice(0, 120)}: the server accepts ALGORITHM=${r.algorithm}, LOCK=NONE on ${r.relation} with rows`,
        ]
      : [],
  );
}
