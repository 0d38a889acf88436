import { useEffect, useState } from 'react';
import { useDesk } from '../../../data/desk-context';
import { bodyStoreFor, type BodyRecord } from '../../../data/body-store';
import { deskBodies } from '../../../data/replication';

// A stored body as the page needs it: an object URL for <img>/<audio>/download and the bytes for pdf.js,
// with where it stands with the server (body.uploaded). A body another desk attached is `missing` until
// it is here: showing it asks the server for it (body-downloader.ts, verified by its hash before it is
// kept), and while the server has none yet (the other desk has not uploaded it) or cannot be reached, it
// asks again, less and less often, for as long as the file is on screen.

export type BodyView = { status: 'loading' } | { status: 'missing'; downloading: boolean } | { status: 'ready'; url: string; body: BodyRecord };

const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 60_000;

export function useBody(hash: string, type: string): BodyView {
  const { db } = useDesk();
  const [view, setView] = useState<BodyView>({ status: 'loading' });
  useEffect(() => {
    const store = bodyStoreFor(db);
    let url: string | undefined;
    let cancelled = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let delay = FIRST_RETRY_MS;
    let downloading = false;

    const fetchIt = async () => {
      retry = undefined;
      const bodies = deskBodies(db);
      if (bodies && !downloading) {
        downloading = true;
        setView({ status: 'missing', downloading: true });
        const outcome = await bodies.download(hash, type);
        downloading = false;
        if (cancelled) return;
        if (outcome === 'stored') return void read();
        setView({ status: 'missing', downloading: false });
      }
      retry = setTimeout(() => void fetchIt(), delay);
      delay = Math.min(MAX_RETRY_MS, delay * 2);
    };
    const read = async () => {
      const body = await store.get(hash);
      if (cancelled) return;
      if (!body) {
        if (!downloading) setView({ status: 'missing', downloading: false });
        if (!downloading && retry === undefined) void fetchIt();
        return;
      }
      // The bytes never change (content-addressed): one URL for the body's life on screen; only its state is new.
      url ??= URL.createObjectURL(new Blob([body.bytes], { type: body.type }));
      setView({ status: 'ready', url, body });
    };
    void read();
    const off = store.onChanged((h) => {
      if (h === hash) void read();
    });
    return () => {
      cancelled = true;
      off();
      if (retry !== undefined) clearTimeout(retry);
      if (url) URL.revokeObjectURL(url);
    };
  }, [db, hash, type]);
  return view;
}
