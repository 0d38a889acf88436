import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { report } from './lib';
import { eventsFor } from './desk-work';
import { postgresUrl } from './postgres';
import { startServer, type RunningServer } from '../src-server/server';
import { createDemoOrg } from '../src-server/demo';
import { issueEnrolmentCode } from '../src-server/orgs';
import { canonicalJson } from '../src-server/sync/canonical';
import { PULL_EVENTS_SQL, newlineJoined } from '../src-server/sync/events-store';
import { enrol, pullPage, push } from '../test/server/client';
import type { CaseEvent } from '../src-shared/domain/events';

// Desk ↔ server throughput on loopback (issue 5): push and pull of 100k events through the replication
// protocol, each beside a baseline measured in the same run — the same rows inserted / selected straight
// in the same database — plus the initial sync of a new desk (100 desks pushing at once: push-burst.bench.ts). Targets: push ≥ 5k events/s, ratio to raw insert ≥ 0.3, initial sync of 100k ≤ 20 s.

const N = Number(process.env.BENCH_SYNC_EVENTS ?? 100_000);
const PUSH_BATCH = 500;
const PULL_LIMIT = 1000;

async function pushAll(url: string, token: string, events: CaseEvent[]): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < events.length; i += PUSH_BATCH) {
    const r = await push(url, token, 'events', events.slice(i, i + PUSH_BATCH));
    if (r.status !== 200 || r.body.length) throw new Error(`push failed: ${r.status}`);
  }
  return performance.now() - t0;
}

/**
 * Baseline: the same rows, same table, same batch size and the same insert statement shape as a push
 * (unnest of the columns, each sent as one newline-joined text parameter, with ordinality) straight
 * through the database interface: no HTTP, validation, duplicate check, lock or notice. The columns
 * follow the push's encoding (they were text[] while the push sent text[]) so the ratio keeps
 * comparing like with like.
 */
async function rawInsert(server: RunningServer, orgId: string, events: CaseEvent[]): Promise<number> {
  await server.db.query('insert into organisations (id, name, preset_id, created_at) values ($1, $2, $3, $4)', [orgId, 'raw', 'starter', Date.now()]);
  const t0 = performance.now();
  for (let i = 0; i < events.length; i += PUSH_BATCH) {
    const batch = events.slice(i, i + PUSH_BATCH);
    await server.db.query(
      `insert into events (org_id, id, seq, case_id, site_id, desk_id, type, at, received_at, doc)
       select $1, u.id, $3 + u.ord, u.case_id, u.site_id, u.desk_id, u.type, u.at::bigint, $2, u.doc
       from unnest(string_to_array($4, chr(10)), string_to_array($5, chr(10)), string_to_array($6, chr(10)),
           string_to_array($7, chr(10)), string_to_array($8, chr(10)), string_to_array($9, chr(10)), string_to_array($10, chr(10)))
         with ordinality as u(id, case_id, site_id, desk_id, type, at, doc, ord)`,
      [
        orgId,
        Date.now(),
        i,
        newlineJoined(batch.map((e) => e.id)),
        newlineJoined(batch.map((e) => e.caseId)),
        newlineJoined(batch.map((e) => e.siteId)),
        newlineJoined(batch.map((e) => e.deskId)),
        newlineJoined(batch.map((e) => e.type)),
        newlineJoined(batch.map((e) => String(e.at))),
        newlineJoined(batch.map((e) => canonicalJson(e))),
      ],
    );
  }
  return performance.now() - t0;
}

async function pullEverything(url: string, token: string): Promise<{ ms: number; count: number }> {
  const t0 = performance.now();
  let seq = 0;
  let count = 0;
  for (;;) {
    const page = await pullPage<CaseEvent>(url, token, 'events', seq, PULL_LIMIT);
    if (page.documents.length === 0) break;
    count += page.documents.length;
    seq = page.checkpoint.seq;
  }
  return { ms: performance.now() - t0, count };
}

/**
 * Baseline: the same pages through the same statement as a pull (the index walk of migration 2), straight
 * from the database: no HTTP, token check or response assembly, so the ratio compares like with like.
 */
async function rawSelect(server: RunningServer, orgId: string): Promise<number> {
  const t0 = performance.now();
  let seq = 0;
  for (;;) {
    const rows = await server.db.query<{ seq: number; doc: string }>(PULL_EVENTS_SQL, [orgId, seq, PULL_LIMIT]);
    if (rows.length === 0) break;
    rows.forEach((r) => JSON.parse(r.doc));
    seq = Number(rows.at(-1)!.seq);
  }
  return performance.now() - t0;
}

async function throughput(label: string, server: RunningServer): Promise<void> {
  const org = await createDemoOrg(server.db, { presetId: 'starter' });
  const desk = await enrol(server.url, org.code);
  const events = eventsFor(desk, org.staffIds, N, 1);
  const rawMs = await rawInsert(server, `RAW-${label}`, eventsFor({ ...desk, orgId: `RAW-${label}` }, org.staffIds, N, 1));
  const pushMs = await pushAll(server.url, desk.token, events);
  const pushRate = N / (pushMs / 1000);
  const rawRate = N / (rawMs / 1000);
  report({
    bench: `sync.push.${label}`,
    figure: Math.round(pushRate),
    unit: 'events/s',
    baseline: Math.round(rawRate),
    baselineLabel: `raw insert of the same rows into the same ${label} database`,
    ratio: pushRate / rawRate,
    target: '≥ 5000 events/s and ratio ≥ 0.3',
    meetsTarget: pushRate >= 5000 && pushRate / rawRate >= 0.3,
    extra: { events: N, batch: PUSH_BATCH, pushSeconds: Number((pushMs / 1000).toFixed(2)) },
  });

  // A new desk of the same organisation: initial sync pulls everything page by page.
  const code = await issueEnrolmentCode(server.db, { orgId: desk.orgId, scope: 'org' });
  const fresh = await enrol(server.url, code.code);
  const pulled = await pullEverything(server.url, fresh.token);
  if (pulled.count !== N) throw new Error(`pulled ${pulled.count} of ${N}`);
  const selectMs = await rawSelect(server, desk.orgId);
  report({
    bench: `sync.initial-pull.${label}`,
    figure: Number((pulled.ms / 1000).toFixed(2)),
    unit: 's',
    baseline: Number((selectMs / 1000).toFixed(2)),
    baselineLabel: 'paged select + JSON.parse of the same rows straight from the database',
    ratio: selectMs / pulled.ms,
    target: `initial sync of ${N} events ≤ 20 s`,
    meetsTarget: pulled.ms <= 20_000,
    extra: { events: N, eventsPerSecond: Math.round(N / (pulled.ms / 1000)), pageSize: PULL_LIMIT },
  });
}

const lite = await startServer({ port: 0 });
try {
  await throughput('pglite', lite);
} finally {
  await lite.close();
}

const pgdb = await postgresUrl();
if (pgdb) {
  const server = await startServer({ databaseUrl: pgdb.url, port: 0, masterKey: randomBytes(32) });
  try {
    await throughput('postgres', server);
  } finally {
    await server.close();
    await pgdb.drop();
  }
} else {
  process.stderr.write('sync bench: no PostgreSQL reachable; skipped the PostgreSQL figures\n');
}
