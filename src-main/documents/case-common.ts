import type { CaseState } from '../../src-shared/domain/case-state';
import type { FormDef, Policy } from '../../src-shared/domain/policy';
import { personWordOf, soleReceptionPoint } from '../../src-shared/domain/intake';
import type { CaseDocumentInput, DocumentContext } from './types';

// Lookups every case document shares: names for codes, the kind's form, and the complainant as printed
// (masked when confidential, S1-5, unless the reveal was authorised and recorded).

export function staffName(ctx: DocumentContext, id: string | undefined): string {
  if (!id) return '';
  return ctx.staffNames[id] ?? id;
}

export function kindName(policy: Policy, code: string): string {
  return policy.kinds.find((k) => k.code === code)?.name ?? code;
}

export function formOf(policy: Policy, kind: string): FormDef | undefined {
  const k = policy.kinds.find((x) => x.code === kind);
  return policy.forms.find((f) => f.id === k?.formId) ?? policy.forms[0];
}

/** 举报人 for reports, 来访人 for visits, 投诉人 otherwise: the word the desk shows too (domain/intake.ts). */
export const personWord = personWordOf;

export function maskName(name: string | undefined): string {
  if (!name) return '';
  return `${[...name][0] ?? ''}${'＊'.repeat(Math.max(1, [...name].length - 1))}`;
}

export function maskPhone(phone: string | undefined): string {
  if (!phone) return '';
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

export interface PrintedComplainant {
  name: string;
  phone: string;
  address: string;
  organisation: string;
  role: string;
}

/** S1-5: the complainant's identity stays off paper unless an authorised reveal was recorded. */
export function identityHidden(input: Pick<CaseDocumentInput, 'case' | 'revealIdentity'>): boolean {
  const p = input.case.complainant;
  // A sealed identity (the server withheld it from this desk, domain/sealing.ts) is not there to print.
  return Boolean(p && !p.anonymous && p.confidential && (!input.revealIdentity || p.sealed));
}

/** Roles whose signature carries the complainant's own name. */
export const COMPLAINANT_SIGNER_ROLES: ReadonlySet<string> = new Set(['complainant', 'callee']);

export function printedComplainant(input: CaseDocumentInput): PrintedComplainant {
  const p = input.case.complainant ?? { anonymous: false, confidential: false };
  if (p.anonymous) return { name: '匿名', phone: '', address: '', organisation: '', role: p.role ?? '' };
  const hide = identityHidden(input);
  return {
    name: hide ? `${maskName(p.name)}（保密）` : (p.name ?? ''),
    phone: hide ? maskPhone(p.phone) : (p.phone ?? ''),
    address: hide ? (p.address ? '（保密）' : '') : (p.address ?? ''),
    // The organisation names the person as surely as the address does (S1-5).
    organisation: hide ? (p.organisation ? '（保密）' : '') : (p.organisation ?? ''),
    role: p.role ?? '',
  };
}

const STATUS_ZH: Record<CaseState['status'], string> = {
  registered: '已登记',
  accepted: '已受理',
  assigned: '已派单',
  in_progress: '处理中',
  replied: '已答复',
  resolved: '已办结',
  rejected: '不予受理',
  closed: '已关闭',
};

export function statusName(status: CaseState['status']): string {
  return STATUS_ZH[status] ?? status;
}

const METHOD_ZH: Record<string, string> = {
  phone: '电话',
  visit: '上门',
  site: '现场查看',
  letter: '信函',
  fax: '传真',
  in_person: '当面',
  sms: '短信',
  email: '电子邮件',
  hotline: '热线',
  wechat: '微信',
};

/**
 * 接待点 as printed: the one recorded, else the policy's only point (a case registered before the intake
 * recorded it, issue 16); undefined when the policy has no reception points, and the form has no such row.
 */
export function receptionPointOf(policy: Policy, c: Pick<CaseState, 'receptionPoint'>): string | undefined {
  if (c.receptionPoint) return c.receptionPoint;
  if (policy.receptionPoints.length === 0) return undefined;
  return soleReceptionPoint(policy) ?? '';
}

/** Channel / method code → name, from the policy's channels first. */
export function methodName(policy: Policy, code: string | undefined): string {
  if (!code) return '';
  return policy.channels.find((c) => c.code === code)?.name ?? METHOD_ZH[code] ?? code;
}
