import type { DocumentId } from '../bridge';

// Who signs which case form. The desk's 签名 dialog offers exactly these roles for the chosen form, and
// the document builders (src-main/documents/builders) print each `case.signed` event in the slot of its
// role: a signature saved under any other role would be on file but on no form.

/** Role codes written into `case.signed.role`. Department heads sign as `department_head:<departmentId>`. */
export const SIGNATURE_ROLES = {
  complainant: 'complainant',
  receiver: 'receiver',
  departmentReceiver: 'department_receiver',
  callee: 'callee',
  callbackStaff: 'callback_staff',
  departmentHead: 'department_head',
  director: 'director',
  vicePresident: 'vice_president',
  generalManager: 'general_manager',
} as const;

export type SignatureRole = (typeof SIGNATURE_ROLES)[keyof typeof SIGNATURE_ROLES];

/** Case forms with signature boxes, each with its boxes' roles in print order. */
export const SIGNATURE_SLOTS = {
  registration: [SIGNATURE_ROLES.complainant, SIGNATURE_ROLES.receiver],
  notice: [SIGNATURE_ROLES.receiver, SIGNATURE_ROLES.departmentReceiver, SIGNATURE_ROLES.departmentHead],
  callback: [SIGNATURE_ROLES.callee, SIGNATURE_ROLES.callbackStaff, SIGNATURE_ROLES.departmentHead],
} as const satisfies Partial<Record<DocumentId, readonly SignatureRole[]>>;

export type SignableDocument = keyof typeof SIGNATURE_SLOTS;
export const SIGNABLE_DOCUMENTS = Object.keys(SIGNATURE_SLOTS) as SignableDocument[];

export function departmentHeadRole(departmentId: string): string {
  return `${SIGNATURE_ROLES.departmentHead}:${departmentId}`;
}

/** The role code to record: a department head signs for the case's responsible department when it has one. */
export function signedRole(role: SignatureRole, departmentId: string | undefined): string {
  return role === SIGNATURE_ROLES.departmentHead && departmentId ? departmentHeadRole(departmentId) : role;
}
