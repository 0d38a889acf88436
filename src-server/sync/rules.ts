import type { Queryable } from '../db/types';
import { policySchema, type Policy } from '../../src-shared/domain/policy';
import { staffSchema, type Staff } from '../../src-shared/domain/org';

// The organisation's rules as the server applies them: who works there (staff, roles, where they sign in)
// and every policy revision. Read by the authorisation of pushes (authorise.ts) and by the pull, which sends
// confidential identity only to desks where someone may reveal it (confidential/sealed-events.ts).

export interface OrgRules {
  seq: string;
  staff: Map<string, Staff>;
  policies: Policy[];
}

// The organisation's staff and policy revisions, parsed once per configuration change rather than per push:
// the newest config sequence number says whether the cached copy is still the stored one.
const rulesCache = new Map<string, OrgRules>();

/** `configSeq`: the organisation's newest config sequence number, when the caller has just read it (authorise.ts). */
export async function rulesOf(db: Queryable, orgId: string, configSeq?: string): Promise<OrgRules> {
  let seq = configSeq;
  if (seq === undefined) {
    const [top] = await db.query<{ seq: string | number | null }>('select max(seq) as seq from config_docs where org_id = $1', [orgId]);
    seq = String(top?.seq ?? 0);
  }
  const cached = rulesCache.get(orgId);
  if (cached && cached.seq === seq) return cached;
  const rows = await db.query<{ kind: string; doc: string }>(
    "select kind, doc from config_docs where org_id = $1 and kind in ('staff', 'policy') and not deleted",
    [orgId],
  );
  const staff = new Map<string, Staff>();
  const policies: Policy[] = [];
  for (const row of rows) {
    // Parsed with the shared schemas: the stored data is what a desk pushed (defaults not filled in).
    const data = (JSON.parse(row.doc) as { data: unknown }).data;
    if (row.kind === 'staff') {
      const parsed = staffSchema.safeParse(data);
      if (parsed.success) staff.set(parsed.data.id, parsed.data);
    } else {
      const parsed = policySchema.safeParse(data);
      if (parsed.success) policies.push(parsed.data);
    }
  }
  const rules = { seq, staff, policies };
  rulesCache.set(orgId, rules);
  return rules;
}
