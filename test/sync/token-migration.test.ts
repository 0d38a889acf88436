import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { describe, expect, it } from 'vitest';
import { createDeskDatabase } from '../../src-renderer/data/database';
import { getServerConnection } from '../../src-renderer/data/replication';
import { nodeDeskHost } from './desk-host';

// Issue 10 item 5: a desk that joined before the token moved to the host kept it in a local document of
// its page store. On first start the page hands it to the host and deletes its copy, and keeps syncing as
// the same replication (its tag is derived from the old token, so nothing is pushed or pulled again).

describe('the page-held desk token moves to the host on first start', () => {
  it('adopts the old token, deletes it from the page store, and keeps the link', async () => {
    const db = await createDeskDatabase(`migrate_${Date.now()}`, getRxStorageDexie({ indexedDB, IDBKeyRange }));
    await db.upsertLocal('sync-connection', { serverUrl: 'http://127.0.0.1:8787', token: 'dt_old_page_token_0123456789' });
    const host = nodeDeskHost();
    const connection = await getServerConnection(db, { host: host.call });
    expect(connection).toEqual({
      serverUrl: 'http://127.0.0.1:8787',
      syncUrl: 'http://desk-host.invalid/sync/default',
      enrolment: expect.stringMatching(/^[0-9a-z]+$/),
    });
    expect(host.token()).toBe('dt_old_page_token_0123456789');
    const stored = (await db.getLocal('sync-connection'))!.toJSON();
    expect(JSON.stringify(stored)).not.toContain('dt_old_page_token');
    // The next start reads the link from the host, with the same enrolment tag.
    expect(await getServerConnection(db, { host: host.call })).toEqual(connection);
    await db.close();
  });

  it('without a host the token is kept (deleting it would cut the desk off), and no link is offered', async () => {
    const db = await createDeskDatabase(`migrate_nohost_${Date.now()}`, getRxStorageDexie({ indexedDB, IDBKeyRange }));
    await db.upsertLocal('sync-connection', { serverUrl: 'http://127.0.0.1:8787', token: 'dt_old_page_token_0123456789' });
    const unavailable = (async () => ({ ok: false, error: { code: 'host.unavailable', message: { 'zh-CN': '无', en: 'none' } } })) as never;
    expect(await getServerConnection(db, { host: unavailable })).toBeUndefined();
    expect(JSON.stringify((await db.getLocal('sync-connection'))!.toJSON())).toContain('dt_old_page_token');
    await db.close();
  });
});
