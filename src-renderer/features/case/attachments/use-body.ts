import { useEffect, useState } from 'react';
import { useDesk } from '../../../data/desk-context';
import { bodyStoreFor, type BodyState, type BodyStore } from '../../../data/body-store';
import { deskBodies } from '../../../data/replication';

// A stored body as the page needs it: an object URL for <img>/<audio>/download and the bytes for pdf.js,
// or only the picture's thumbnail (the case page's card), with where it stands with the server. A body
// another desk attached is `missing` until it is here: showing it asks the server for it (body-downloader.ts,
// verified by its hash before it is kept), and while the server has none yet (the other desk has not uploaded
// it) or cannot be reached, it asks again, less and less often, for as long as the file is on screen.

export type BodyView =
  | { status: 'loading' }
  | { status: 'missing'; downloading: boolean }
  | {
      status: 'ready';
      state: BodyState;
      /** The body's (useBody) or its thumbnail's (useThumbnail) object URL; a thumbnail only for a drawable picture. */
      url?: string;
      /** The whole body's bytes (useBody only). */
      bytes?: ArrayBuffer;
    };

/** What one read of the store gives the page, or undefined when the body is not on this desk. */
type Loaded = { state: BodyState; blob?: Blob; bytes?: ArrayBuffer };
type Load = (store: BodyStore, hash: string, type: string) => Promise<Loaded | undefined>;

const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 60_000;

const wholeBody: Load = async (store, hash) => {
  const body = await store.get(hash);
  return (
    body && {
      state: { uploaded: body.uploaded, ...(body.refusal ? { refusal: body.refusal } : {}) },
      blob: new Blob([body.bytes], { type: body.type }),
      bytes: body.bytes,
    }
  );
};

// The card reads a few kB a file: the state from an index and the thumbnail, never the body's bytes.
const thumbnailOnly: Load = async (store, hash, type) => {
  const preview = await store.preview(hash, type);
  if (!preview) return undefined;
  const { state, thumbnail } = preview;
  return { state, ...(thumbnail ? { blob: new Blob([thumbnail.bytes], { type: thumbnail.type }) } : {}) };
};

/** The whole body: the viewer, downloads, PDF pages and audio. `confidential`: a downloaded body is kept encrypted. */
export function useBody(hash: string, type: string, confidential = false): BodyView {
  return useStoredBody(hash, type, wholeBody, confidential);
}

/** Where the body stands and, for a picture, its thumbnail: the case page's 附件 card. */
export function useThumbnail(hash: string, type: string, confidential = false): BodyView {
  return useStoredBody(hash, type, thumbnailOnly, confidential);
}

function useStoredBody(hash: string, type: string, load: Load, confidential: boolean): BodyView {
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
        const outcome = await bodies.download(hash, type, confidential);
        downloading = false;
        if (cancelled) return;
        if (outcome === 'stored') return void read();
        setView({ status: 'missing', downloading: false });
      }
      retry = setTimeout(() => void fetchIt(), delay);
      delay = Math.min(MAX_RETRY_MS, delay * 2);
    };
    const read = async () => {
      const loaded = await load(store, hash, type);
      if (cancelled) return;
      if (!loaded) {
        if (!downloading) setView({ status: 'missing', downloading: false });
        if (!downloading && retry === undefined) void fetchIt();
        return;
      }
      // The bytes never change (content-addressed): one URL for the body's life on screen; only its state is new.
      if (loaded.blob) url ??= URL.createObjectURL(loaded.blob);
      setView({ status: 'ready', state: loaded.state, ...(url ? { url } : {}), ...(loaded.bytes ? { bytes: loaded.bytes } : {}) });
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
  }, [db, hash, type, load, confidential]);
  return view;
}
