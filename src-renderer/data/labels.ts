import type { Policy } from '../../src-shared/domain/policy';
import { attachmentKindsOf, DEFAULT_ATTACHMENT_KINDS } from '../../src-shared/domain/attachments';
import { policyItemOf } from '../../src-shared/domain/actions';

// Display names of policy codes (kinds, categories, departments…). Unknown codes show as themselves.

export interface PolicyLabels {
  kind(code?: string): string;
  category(code?: string): string;
  severity(code?: string): string;
  department(id?: string): string;
  channel(code?: string): string;
  role(code?: string): string;
  riskFlag(code?: string): string;
  reason(code?: string): string;
  expense(id?: string): string;
  attachmentKind(code?: string): string;
}

function lookup<T>(list: readonly T[] | undefined, key: (t: T) => string, name: (t: T) => string) {
  const m = new Map((list ?? []).map((x) => [key(x), name(x)]));
  return (code?: string) => (code ? (m.get(code) ?? code) : '');
}

export function policyLabels(policy?: Policy): PolicyLabels {
  return {
    kind: lookup(
      policy?.kinds,
      (k) => k.code,
      (k) => k.name,
    ),
    category: lookup(
      policy?.categories,
      (k) => k.code,
      (k) => k.name,
    ),
    severity: lookup(
      policy?.severities,
      (k) => k.code,
      (k) => k.name,
    ),
    department: lookup(
      policy?.departments,
      (k) => k.id,
      (k) => k.name,
    ),
    channel: lookup(
      policy?.channels,
      (k) => k.code,
      (k) => k.name,
    ),
    role: lookup(
      policy?.roles,
      (k) => k.code,
      (k) => k.name,
    ),
    riskFlag: lookup(
      policy?.riskFlags,
      (k) => k.code,
      (k) => k.name,
    ),
    reason: lookup(
      policy?.inadmissibleReasons,
      (k) => k.code,
      (k) => k.text,
    ),
    // A recorded expense carries its item and its number on the case (return_freight:1, S3-8).
    expense: (id?: string) => (id ? (policyItemOf(policy?.expenses ?? [], id)?.name ?? id) : ''),
    attachmentKind: lookup(
      policy ? attachmentKindsOf(policy) : DEFAULT_ATTACHMENT_KINDS,
      (k) => k.code,
      (k) => k.name,
    ),
  };
}
