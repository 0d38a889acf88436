// Versioned schema migrations, applied in order at start (migrate.ts). Append new versions; never edit
// an applied one. SQL lives here rather than in .sql files so a bundled server carries it along.

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'organisations, desks, tokens, replicated collections',
    sql: `
create table organisations (
  id text primary key,
  name text not null,
  preset_id text not null,
  created_at bigint not null
);
create table sites (
  org_id text not null references organisations(id),
  id text not null,
  name text not null,
  primary key (org_id, id)
);
create table desks (
  org_id text not null references organisations(id),
  id text not null,
  site_id text not null,
  code text not null,
  name text not null,
  created_at bigint not null,
  revoked_at bigint,
  primary key (org_id, id),
  unique (org_id, code)
);
-- One-time enrolment codes: only a hash is kept; used_at marks the single use.
create table enrolment_codes (
  code_hash text primary key,
  org_id text not null references organisations(id),
  site_id text not null,
  scope text not null check (scope in ('site', 'org')),
  desk_code text,
  desk_name text,
  created_at bigint not null,
  expires_at bigint not null,
  used_at bigint,
  desk_id text
);
-- Desk tokens: the server stores the SHA-256 of the token, never the token.
create table desk_tokens (
  token_hash text primary key,
  org_id text not null references organisations(id),
  site_id text not null,
  desk_id text not null,
  scope text not null check (scope in ('site', 'org')),
  created_at bigint not null,
  revoked_at bigint
);
create index desk_tokens_desk on desk_tokens (org_id, desk_id);
create table admin_tokens (
  token_hash text primary key,
  label text not null,
  created_at bigint not null,
  revoked_at bigint
);
-- The per-organisation replication sequence. Pushes lock this row, so commits happen in sequence order
-- and a pull after checkpoint N can never miss a document that commits later with a smaller number.
create table org_seq (
  org_id text primary key references organisations(id),
  seq bigint not null default 0
);
create table events (
  org_id text not null,
  id text not null,
  seq bigint not null,
  case_id text not null,
  site_id text not null,
  desk_id text not null,
  type text not null,
  at bigint not null,
  received_at bigint not null,
  -- Canonical JSON (sorted keys) of the event exactly as the desk wrote it; compared on re-push.
  doc text not null,
  primary key (org_id, id)
);
create unique index events_seq on events (org_id, seq);
create index events_case on events (org_id, case_id);
create table config_docs (
  org_id text not null,
  id text not null,
  seq bigint not null,
  kind text not null,
  rev integer not null,
  updated_at bigint not null,
  deleted boolean not null,
  doc text not null,
  primary key (org_id, id)
);
create unique index config_docs_seq on config_docs (org_id, seq);
`,
  },
  {
    version: 2,
    name: 'pulls walk the sequence index and stop at the page limit',
    // A pull is "the first $limit documents after the checkpoint, in sequence order". Without table
    // statistics (PGlite never analyses; a fresh or stale PostgreSQL table has none or wrong ones) the
    // planner guesses a handful of rows and reads every document after the checkpoint, then sorts: a
    // new desk's first sync got slower with the size of the history (26 ms per page at 15k remaining).
    // Each pull is therefore a SQL function whose SET clause rules out the sort, the bitmap scan and the
    // sequential scan for its one statement: the only plan left is the index walk that stops at the
    // limit, whatever the statistics say. (A function with a SET clause is never inlined, so the
    // settings do apply; nothing else in the session is affected.) Site-scoped desks get their own
    // index, so their walk skips other sites' events instead of filtering them out. The bodies use
    // positional parameters and hold no semicolon (migrate.ts splits on them); to change a pull, add a
    // migration that replaces the function.
    sql: `
create index events_site_seq on events (org_id, site_id, seq);
create function pull_events_page(text, bigint, integer) returns table (seq bigint, doc text)
  language sql stable
  set enable_sort = off set enable_bitmapscan = off set enable_seqscan = off
  as 'select seq, doc from events where org_id = $1 and seq > $2 order by seq limit $3';
create function pull_site_events_page(text, text, bigint, integer) returns table (seq bigint, doc text)
  language sql stable
  set enable_sort = off set enable_bitmapscan = off set enable_seqscan = off
  as 'select seq, doc from events where org_id = $1 and site_id = $2 and seq > $3 order by seq limit $4';
create function pull_config_docs_page(text, bigint, integer) returns table (seq bigint, doc text)
  language sql stable
  set enable_sort = off set enable_bitmapscan = off set enable_seqscan = off
  as 'select seq, doc from config_docs where org_id = $1 and seq > $2 order by seq limit $3';
`,
  },
  {
    version: 3,
    name: 'administrator sessions',
    // Short-lived sessions opened by an administrator's passphrase at a desk (src-server/admin-sessions.ts):
    // only the token's hash is kept, bound to the desk that asked and to the staff member who signed in.
    sql: `
create table admin_sessions (
  token_hash text primary key,
  org_id text not null references organisations(id),
  desk_id text not null,
  staff_id text not null,
  created_at bigint not null,
  expires_at bigint not null
);
create index admin_sessions_expiry on admin_sessions (expires_at);
`,
  },
  {
    version: 4,
    name: 'case numbers: a desk re-enrolled under its code, and the number of each registration looked up by index',
    // Case numbers are unique in the organisation (issue 12): the server refuses a registration whose number
    // another case holds (sync/authorise.ts) and tells a re-enrolled desk the last numbers of its code
    // (orgs.ts enrolDesk). Both read the number out of the stored event through this partial index. It is
    // not a unique index: a server that already stored a duplicate must still start and keep it.
    sql: `
alter table enrolment_codes add column reenrol_desk_id text;
create index events_case_number on events (org_id, ((doc::jsonb) -> 'payload' ->> 'number')) where type = 'case.registered';
`,
  },
  {
    version: 5,
    name: 'confidential identity encrypted at rest',
    // Issue 10 item 4 (src-server/confidential/): each organisation's data key, wrapped by the master key that
    // lives outside the database; `events.sealed` holds a confidential event's withheld identity, encrypted,
    // while `doc` holds the event without it. The pulls return both, so they are replaced (new result type).
    sql: `
create table org_data_keys (
  org_id text primary key,
  wrapped text not null,
  created_at bigint not null
);
alter table events add column sealed text;
drop function pull_events_page(text, bigint, integer);
drop function pull_site_events_page(text, text, bigint, integer);
create function pull_events_page(text, bigint, integer) returns table (seq bigint, doc text, sealed text)
  language sql stable
  set enable_sort = off set enable_bitmapscan = off set enable_seqscan = off
  as 'select seq, doc, sealed from events where org_id = $1 and seq > $2 order by seq limit $3';
create function pull_site_events_page(text, text, bigint, integer) returns table (seq bigint, doc text, sealed text)
  language sql stable
  set enable_sort = off set enable_bitmapscan = off set enable_seqscan = off
  as 'select seq, doc, sealed from events where org_id = $1 and site_id = $2 and seq > $3 order by seq limit $4';
`,
  },
  {
    version: 6,
    name: 'attachment bodies',
    // Issue 13 (src-server/sync/attachment-store.ts, docs/decisions.md "Attachment bodies on the server"):
    // one row per organisation and SHA-256, the bytes in the database so the two-command setup needs no
    // other store and a database backup carries them. A body is accepted and served only when an attachment
    // event of a case the desk may see names its hash: the partial index finds those events by hash, as
    // migration 4's finds registrations by number.
    sql: `
create table attachment_bodies (
  org_id text not null,
  hash text not null,
  type text not null,
  size integer not null,
  bytes bytea not null,
  desk_id text not null,
  stored_at bigint not null,
  primary key (org_id, hash)
);
create index events_attachment_hash on events (org_id, ((doc::jsonb) -> 'payload' ->> 'hash')) where type = 'case.attachment_added';
`,
  },
  {
    version: 7,
    name: 'attachment bodies in an object store',
    // Issue 13 §3 (src-server/sync/s3-body-store.ts): with an S3-compatible bucket configured the row is the
    // index of what the server holds (type, size, who, when) and the bytes are in the bucket, so `bytes` is null.
    sql: `alter table attachment_bodies alter column bytes drop not null;`,
  },
  {
    version: 8,
    name: 'case heads: what a joining desk needs first, found without reading the history',
    // One row per case and site, kept by every push in the statement that stores its events
    // (sync/events-store.ts) — its last sequence number and time, its events, and whether the last closing,
    // rejection or reopening (by sequence) left it open — so GET /sync/v1/events/first (sync/first-events.ts)
    // reads the open and recent cases by index instead of grouping every event of the organisation (27 s at
    // 2M events on PGlite, docs/performance.md "Joining"). The insert fills it from the events already stored.
    sql: `
create table case_heads (
  org_id text not null,
  case_id text not null,
  site_id text not null,
  last_seq bigint not null,
  last_at bigint not null,
  n integer not null,
  -- The sequence number of the case's last closing, rejection or reopening on this site (0: none), and
  -- whether that event left the case open.
  open_seq bigint not null,
  open boolean not null,
  primary key (org_id, case_id, site_id)
);
insert into case_heads (org_id, case_id, site_id, last_seq, last_at, n, open_seq, open)
select org_id, case_id, site_id, max(seq), max(at), count(*),
  coalesce(max(seq) filter (where type in ('case.closed', 'case.rejected', 'case.reopened')), 0),
  coalesce((array_agg(type order by seq desc) filter (where type in ('case.closed', 'case.rejected', 'case.reopened')))[1], 'case.reopened') = 'case.reopened'
from events group by org_id, case_id, site_id;
create index case_heads_open on case_heads (org_id, site_id) where open;
create index case_heads_recent on case_heads (org_id, last_at);
`,
  },
];
