import type { Queryable } from '../db/types';
import type { ConfigKind } from '../../src-shared/sync/contract';
import type { FieldError } from '../../src-shared/domain/parse';
import { addValidationMessages, messageFor } from '../../src-shared/i18n/validation';
import { adminOfSession } from '../admin-sessions';
import type { DeskScope } from './scope';
import type { CheckedConfig, RowError } from './validate';

// Who may write which configuration document (issue 10 item 2; docs/architecture.md §Trust model).
// validate.ts checks a document's shape and that it belongs to the desk's organisation (and a survey to
// its site); this decides whether the sender may write it:
//   - the organisation's configuration (ADMIN_KINDS) only under an administrator session opened at this
//     desk (admin-sessions.ts) — a desk token alone is refused, whatever the desk's scope;
//   - the analysis desk's shared records: a survey of the desk's own site (validate.ts), a duty mark
//     that names this desk as the one that marked it.
// One refused row refuses the batch (like events, docs/decisions.md), and the 403 lists each refused row
// with its reason so the desk sets them aside and pushes the rest.

/** Kinds that only an administrator writes. */
export const ADMIN_KINDS: ReadonlySet<ConfigKind> = new Set<ConfigKind>(['organisation', 'site', 'desk', 'staff', 'policy']);

addValidationMessages({
  'config.needsAdmin': {
    'zh-CN': () => '制度、人员、站点和工作台等机构配置只能由管理员修改：请在本台由管理员输入口令确认后再发布。',
    en: () => 'The organisation’s configuration (policy, staff, sites, desks) is changed only by an administrator: have an administrator confirm with their passphrase at this desk, then publish again.',
  },
  'config.dutyOtherDesk': {
    'zh-CN': () => '这条事项完成记录写的是其他工作台，本工作台只能记录自己完成的事项。',
    en: () => 'This duty mark names another desk; a desk records only the duties it marked itself.',
  },
});

function refusal(index: number, id: string, path: string, code: string): RowError {
  const errors: FieldError[] = [{ path, code, message: messageFor(code, path) }];
  return { index, id, errors };
}

export async function authoriseConfig(db: Queryable, scope: DeskScope, rows: readonly CheckedConfig[], adminToken: string | undefined, now: number): Promise<RowError[]> {
  const needsAdmin = rows.some((r) => ADMIN_KINDS.has(r.doc.kind));
  const admin = needsAdmin ? await adminOfSession(db, scope, adminToken, now) : undefined;
  const refused: RowError[] = [];
  rows.forEach(({ doc }, index) => {
    if (ADMIN_KINDS.has(doc.kind)) {
      if (!admin) refused.push(refusal(index, doc.id, 'kind', 'config.needsAdmin'));
    } else if (doc.kind === 'duty' && doc.data.deskId !== scope.deskId) {
      refused.push(refusal(index, doc.id, 'data.deskId', 'config.dutyOtherDesk'));
    }
  });
  return refused;
}
