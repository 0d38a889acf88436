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
];
