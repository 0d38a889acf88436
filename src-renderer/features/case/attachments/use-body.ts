import { useEffect, useState } from 'react';
import { useDesk } from '../../../data/desk-context';
import { bodyStoreFor, type BodyRecord } from '../../../data/body-store';

// A stored body as the page needs it: an object URL for <img>/<audio>/download and the bytes for pdf.js.
// `missing` until the body is on this desk (it arrives later when another desk attached it).

export type BodyView = { status: 'loading' } | { status: 'missing' } | { status: 'ready'; url: string; body: BodyRecord };

export function useBody(hash: string): BodyView {
  const { db } = useDesk();
  const [view, setView] = useState<BodyView>({ status: 'loading' });
  useEffect(() => {
    const store = bodyStoreFor(db);
    let url: string | undefined;
    let cancelled = false;
    const read = async () => {
      const body = await store.get(hash);
      if (cancelled) return;
      if (!body) return setView({ status: 'missing' });
      url = URL.createObjectURL(new Blob([body.bytes], { type: body.type }));
      setView({ status: 'ready', url, body });
    };
    void read();
    const off = store.onStored((h) => {
      if (h === hash && !url) void read();
    });
    return () => {
      cancelled = true;
      off();
      if (url) URL.revokeObjectURL(url);
    };
  }, [db, hash]);
  return view;
}
