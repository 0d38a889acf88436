import { describe, expect, it } from 'vitest';
import { validateAction, type Actor } from './actions';
import { ATTACHMENT_LIMITS, attachmentKindsOf, bodyRefusal, contentRefusal, liveAttachments, sha256Hex } from './attachments';
import { messageFor } from '../i18n/validation';
import type { CaseEvent, NewEvent } from './events';
import { applyEvents, projectCase } from './projection';
import { MINUTE, T0, makeEvent, makeRegistration } from './projection.fixtures';
import { samplePolicy } from './policy.fixtures';
import type { CaseState } from './case-state';

// Issue 13: files attached to a case are events (who, when, hash, kind); withdrawal hides, never deletes.

const policy = samplePolicy();
const clerk: Actor = { id: 'staff-1', roles: ['clerk'] };
const HASH = 'a'.repeat(64);
const photo = { hash: HASH, name: '漏水.jpg', type: 'image/jpeg', size: 120_000, kind: 'evidence', caption: '天花板', width: 1600, height: 1200 };

const reg = makeRegistration(T0);
const added = makeEvent('case.attachment_added', photo, T0 + MINUTE);
const pdf = makeEvent(
  'case.attachment_added',
  { hash: 'b'.repeat(64), name: '来函.pdf', type: 'application/pdf', size: 40_000, kind: 'letter' },
  T0 + 2 * MINUTE,
  { actorId: 'staff-2' },
);
const withdrawn = makeEvent('case.attachment_withdrawn', { attachmentId: added.id, reason: '拍错了案件' }, T0 + 3 * MINUTE, { actorId: 'staff-2' });

function check(log: CaseEvent[], event: NewEvent, p = policy): string {
  const r = validateAction(projectCase(log)!, p, clerk, event, T0 + 10 * MINUTE, log);
  return r.ok ? 'ok' : r.errors.map((e) => e.message['zh-CN']).join(' | ');
}

describe('attachments in the case fold', () => {
  it('lists each file with hash, kind, who and when; withdrawal hides it but keeps it marked in the list', () => {
    const s = projectCase([reg, added, pdf, withdrawn])!;
    expect(s.attachments.map((a) => [a.name, a.kind, a.by, a.at, a.withdrawn?.reason])).toEqual([
      ['漏水.jpg', 'evidence', 'staff-1', T0 + MINUTE, '拍错了案件'],
      ['来函.pdf', 'letter', 'staff-2', T0 + 2 * MINUTE, undefined],
    ]);
    expect(s.attachments[0]).toMatchObject({ id: added.id, hash: HASH, caption: '天花板', width: 1600, withdrawn: { by: 'staff-2', at: T0 + 3 * MINUTE } });
    expect(liveAttachments(s).map((a) => a.name)).toEqual(['来函.pdf']);
  });

  it('an incremental fold equals the rebuild, also on a case document stored before attachments existed', () => {
    const before = projectCase([reg])! as Partial<CaseState>;
    delete before.attachments;
    let s = applyEvents(before as CaseState, [added], [reg, added])!;
    s = applyEvents(s, [withdrawn], [reg, added, withdrawn])!;
    expect(s.attachments).toEqual(projectCase([reg, added, withdrawn])!.attachments);
    // The earlier state is not changed by the withdrawal that followed it.
    expect(applyEvents(before as CaseState, [added], [reg, added])!.attachments[0]!.withdrawn).toBeUndefined();
  });
});

describe('attaching and withdrawing are judged by the domain', () => {
  const s = [reg, added];
  it('accepts a file of a kind from the default list, and the policy may name its own kinds', () => {
    expect(check(s, { type: 'case.attachment_added', payload: photo })).toBe('ok');
    expect(attachmentKindsOf(policy).map((k) => k.code)).toContain('sample_photo');
    const own = samplePolicy({ attachmentKinds: [{ code: 'diary', name: '工作日记' }] });
    expect(check(s, { type: 'case.attachment_added', payload: { ...photo, kind: 'diary' } }, own)).toBe('ok');
    expect(check(s, { type: 'case.attachment_added', payload: photo }, own)).toContain('附件类别「evidence」在本制度中不存在');
  });

  it('refuses a type that is not allowed, an oversize file and a malformed hash, in Chinese', () => {
    expect(check(s, { type: 'case.attachment_added', payload: { ...photo, type: 'application/x-msdownload' } })).toBe(
      '不能添加这种文件（application/x-msdownload）。可以添加图片、PDF、录音、Word/Excel 文档和文本文件。',
    );
    expect(check(s, { type: 'case.attachment_added', payload: { ...photo, size: ATTACHMENT_LIMITS.maxBytes + 1 } })).toContain('20971520');
    expect(bodyRefusal('image/jpeg', 25 * 1024 * 1024)).toEqual({ code: 'attachment.tooLarge', detail: { max: 20, size: 25 } });
    expect(check(s, { type: 'case.attachment_added', payload: { ...photo, hash: 'xyz' } })).toContain('不是有效的文件摘要');
  });

  it("refuses bytes that are not of the type the file claims (the server's check), naming the file and the claim in both languages", () => {
    const program = new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0]);
    const refused = contentRefusal('image/jpeg', program);
    expect(refused).toEqual({ code: 'attachment.notOfType', detail: { type: 'image/jpeg' } });
    const said = messageFor(refused!.code, 'file', { ...refused!.detail, name: '照片.jpg' });
    expect(said['zh-CN']).toMatch(/^「照片\.jpg」标明是 JPEG 图片，但文件内容不是 JPEG 图片，没有添加。/);
    expect(said.en).toMatch(/^"照片\.jpg" says it is a JPEG picture, but its contents are not; it was not attached\./);
    expect(messageFor('attachment.notOfType', 'file', { type: 'text/plain', name: '来信.txt' })['zh-CN']).toContain('标明是文本文件，');
    // Bytes of their type pass; a type the desk does not take and an empty file have their own sentences (bodyRefusal).
    expect(contentRefusal('image/jpeg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBeUndefined();
    expect(contentRefusal('application/x-msdownload', program)).toBeUndefined();
    expect(contentRefusal('image/jpeg', new Uint8Array(0))).toBeUndefined();
  });

  it('withdraws only a file of this case, once, and with a reason', () => {
    expect(check(s, { type: 'case.attachment_withdrawn', payload: { attachmentId: added.id, reason: '重复' } })).toBe('ok');
    expect(check(s, { type: 'case.attachment_withdrawn', payload: { attachmentId: pdf.id, reason: '重复' } })).toBe('此案件没有这个附件。');
    expect(check(s, { type: 'case.attachment_withdrawn', payload: { attachmentId: added.id, reason: ' ' } })).not.toBe('ok');
    const gone = [reg, added, withdrawn as CaseEvent];
    expect(check(gone, { type: 'case.attachment_withdrawn', payload: { attachmentId: added.id, reason: '重复' } })).toBe('这个附件已经撤回了。');
  });

  it('hashes bytes with SHA-256 in lower-case hex', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
