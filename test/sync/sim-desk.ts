import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { createDeskDatabase, type DeskDatabase } from '../../src-renderer/data/database';
import { joinServer, stopDeskSync, startDeskReplication, getServerConnection, type DeskReplication } from '../../src-renderer/data/replication';
import { bodyStoreFor } from '../../src-renderer/data/body-store';
import { fakeNetwork, type FakeNetwork } from './network';
import { nodeDeskHost, type NodeDeskHost } from './desk-host';

// A desk simulated in Node: real RxDB over fake-indexeddb and the desk's own replication code, behind a
// network the test can pull the cable of.

export interface SimDesk {
  db: DeskDatabase;
  net: FakeNetwork;
  replication: DeskReplication;
  deskId: string;
  siteId: string;
  orgId: string;
  deskCode: string;
  /** The desk's host: it holds the token and relays the desk's requests (the page never sees the token). */
  host: NodeDeskHost;
  /** The token the host holds, for tests that act as a hostile desk with it. */
  token: string;
}

let dbCounter = 0;

/**
 * Creates a desk database, joins the server with a one-time code and waits until it is in sync. `bodies`:
 * the desk keeps attachment bodies (body-store.ts over fake-indexeddb) and its replication moves them.
 */
export async function joinSimDesk(serverUrl: string, code: string, name: string, o: { bodies?: boolean } = {}): Promise<SimDesk> {
  const db = await createDeskDatabase(`${name}_${Date.now()}_${dbCounter++}`, getRxStorageDexie({ indexedDB, IDBKeyRange }));
  const net = fakeNetwork();
  const host = nodeDeskHost(net.fetch);
  const opts = { fetch: host.fetch, host: host.call, waitForLeadership: false, retryMs: 40, maxRetryMs: 300 };
  // joinServer keeps one replication per process (the desk app has one database); simulate the second
  // desk's app by stopping it and running the desk's replication explicitly for each database.
  const enrolled = await joinServer(db, { serverUrl, code }, opts);
  await stopDeskSync();
  const connection = (await getServerConnection(db, { host: host.call }))!;
  if (o.bodies) bodyStoreFor(db, indexedDB);
  const replication = startDeskReplication(db, {
    ...connection,
    fetch: host.fetch,
    waitForLeadership: false,
    retryMs: 40,
    maxRetryMs: 300,
    orgId: enrolled.orgId,
    ...(o.bodies ? { indexedDB } : {}),
  });
  await replication.awaitInSync();
  return { db, net, replication, ...enrolled, host, token: host.token()! };
}

export async function closeSimDesk(d: SimDesk): Promise<void> {
  await d.replication.stop();
  await d.db.close();
}
