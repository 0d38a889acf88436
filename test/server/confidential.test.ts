import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKENDS } from './backends';
import { startTestServer, type TestServer } from './setup';
import { http, pullAll, push } from './client';
import { makeEvent, ulidAt, HOUR } from '../../src-shared/domain/projection.fixtures';
import type { CaseEvent, CaseEventOf } from '../../src-shared/domain/events';
import { startServer } from '../../src-server/server';
import { defaultKeyFile } from '../../src-server/confidential/master-key';
import { TEST_NOW } from '../helpers/clock';
import { clear, confidentialReport, fireBrigade, NAME, nextSerial, T0, type Fixture } from './fire-brigade';

// Issue 10 item 4 (S1-5 end to end): a confidential reporter's identity is stored encrypted (envelope
// encryption, src-server/confidential/), reaches only desks where someone may reveal it, and never the read API.

describe.each(BACKENDS)('confidential identity end to end (%s)', (backend) => {
  let t: TestServer;
  let f: Fixture;
  let report: CaseEventOf<'case.registered'>;

  beforeAll(async () => {
    t = await startTestServer(backend, { sync: { now: () => TEST_NOW } });
    f = await fireBrigade(t);
    report = confidentialReport(f);
    expect((await push(t.url, f.squad.token, 'events', [report])).body).toEqual([]);
  });
  afterAll(async () => t?.stop());

  it('stores no name, phone or address in clear: the rows hold the sealed event and a ciphertext', async () => {
    const rows = await t.server.db.query<{ doc: string; sealed: string | null }>('select doc, sealed from events where org_id = $1', [f.orgId]);
    expect(rows).toHaveLength(1);
    const dump = JSON.stringify(await t.server.db.query('select * from events'));
    expect(clear(dump)).toEqual([]);
    expect(rows[0]!.sealed).toMatch(/^v1\./);
    expect(JSON.parse(rows[0]!.doc).payload.complainant).toEqual({ anonymous: false, confidential: true, sealed: true });
    // The wrapped data key is not the data key: nothing stored decrypts the identity without the master key.
    const keys = await t.server.db.query<{ wrapped: string }>('select wrapped from org_data_keys where org_id = $1', [f.orgId]);
    expect(keys).toHaveLength(1);
  });

  it('the same event pushed again is a no-op, also by a desk sending back its sealed copy; a changed one is a conflict', async () => {
    expect((await push(t.url, f.squad.token, 'events', [report])).body).toEqual([]);
    const [sealedCopy] = (await pullAll<CaseEvent & { _deleted?: boolean }>(t.url, f.squad.token, 'events')).documents;
    const { _deleted, ...sealedEvent } = sealedCopy!;
    expect((await push(t.url, f.squad.token, 'events', [sealedEvent])).body).toEqual([]);
    const changed = { ...report, payload: { ...report.payload, complainant: { ...report.payload.complainant, phone: '13900002222' } } };
    const conflict = await push<CaseEvent>(t.url, f.squad.token, 'events', [changed]);
    expect(conflict.status).toBe(200);
    expect(conflict.body).toHaveLength(1);
    // The conflict's master state is what this desk may see: sealed.
    expect(clear(JSON.stringify(conflict.body))).toEqual([]);
    expect((await t.server.db.query('select id from events where org_id = $1', [f.orgId])).length).toBe(1);
  });

  it('a new event claiming the server’s seal is refused', async () => {
    const forged = confidentialReport(f);
    const { name: _n, phone: _p, address: _a, ...rest } = forged.payload.complainant;
    const sealedForgery = { ...forged, payload: { ...forged.payload, complainant: { ...rest, sealed: true } } };
    const r = await push(t.url, f.squad.token, 'events', [sealedForgery]);
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('sync.sealedByServer');
  });

  it('pull: a desk where someone may reveal identity gets it in clear; the squadron’s desk (a stolen token) gets it sealed', async () => {
    const atHq = (await pullAll<CaseEvent>(t.url, f.hq.token, 'events')).documents.find((e) => e.id === report.id)!;
    expect(atHq.type === 'case.registered' && atHq.payload.complainant).toEqual(report.payload.complainant);
    const raw = await http<string>(t.url, 'GET', '/sync/v1/events/pull?seq=0&limit=1000', { token: f.squad.token });
    expect(raw.status).toBe(200);
    expect(clear(JSON.stringify(raw.body))).toEqual([]);
    expect(JSON.stringify(raw.body)).toContain('"sealed":true');
  });

  it('the read API never carries the identity, not even to the desk that may reveal it', async () => {
    for (const path of [
      `/api/v1/cases/${encodeURIComponent(report.caseId)}`,
      '/api/v1/cases',
      `/api/v1/statistics?from=${T0 - HOUR}&to=${TEST_NOW}&caseIds=true`,
    ]) {
      const r = await http(t.url, 'GET', path, { token: f.hq.token });
      expect(r.status, path).toBe(200);
      expect(JSON.stringify(r.body), path).toContain(report.caseId);
      expect(clear(JSON.stringify(r.body)), path).toEqual([]);
    }
  });

  it('revealing is recorded by the server: the identity_viewed event says who looked at which case and when', async () => {
    const look = makeEvent('case.identity_viewed', { reason: '核实举报人身份' }, T0 + HOUR, {
      id: ulidAt(T0 + HOUR, nextSerial()),
      caseId: report.caseId,
      orgId: f.orgId,
      siteId: f.squad.siteId,
      deskId: f.hq.deskId,
      actorId: f.chief,
      policyRevision: 1,
    });
    expect((await push(t.url, f.hq.token, 'events', [look])).body).toEqual([]);
    // The duty officer may not reveal (S1-5): the server refuses the audit event it would need.
    const sneak = makeEvent('case.identity_viewed', { reason: '好奇' }, T0 + HOUR, {
      id: ulidAt(T0 + HOUR, nextSerial()),
      caseId: report.caseId,
      orgId: f.orgId,
      siteId: f.squad.siteId,
      deskId: f.squad.deskId,
      actorId: f.officer,
      policyRevision: 1,
    });
    expect((await push(t.url, f.squad.token, 'events', [sneak])).status).toBe(403);
    const rows = await t.server.db.query<{ desk_id: string; received_at: string | number; doc: string }>(
      "select desk_id, received_at, doc from events where org_id = $1 and type = 'case.identity_viewed'",
      [f.orgId],
    );
    expect(rows.map((r) => [r.desk_id, JSON.parse(r.doc).actorId, JSON.parse(r.doc).caseId])).toEqual([[f.hq.deskId, f.chief, report.caseId]]);
  });
});

describe('the master key', () => {
  it('the embedded default writes a key file beside the data folder on first start, reads it on the next, and refuses another key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jiesu-key-'));
    const dataDir = join(dir, 'jiesu-server-data');
    try {
      const first = await startServer({ dataDir, port: 0, sync: { now: () => TEST_NOW } });
      const keyFile = defaultKeyFile(dataDir);
      expect(first.masterKeySource).toBe(keyFile);
      const key = readFileSync(keyFile, 'utf8');
      const f = await fireBrigade({ server: first, url: first.url });
      const report = confidentialReport(f);
      expect((await push(first.url, f.squad.token, 'events', [report])).body).toEqual([]);
      await first.close();

      const again = await startServer({ dataDir, port: 0 });
      expect(readFileSync(keyFile, 'utf8')).toBe(key);
      const atHq = (await pullAll<CaseEvent>(again.url, f.hq.token, 'events')).documents[0]!;
      expect(atHq.type === 'case.registered' && atHq.payload.complainant.name).toBe(NAME);
      await again.close();

      await expect(startServer({ dataDir, port: 0, masterKey: Buffer.alloc(32, 7) })).rejects.toThrow(/主密钥打不开/);
      rmSync(keyFile);
      await expect(startServer({ dataDir, port: 0 })).rejects.toThrow(/找不到主密钥文件/);
      expect(existsSync(keyFile)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
