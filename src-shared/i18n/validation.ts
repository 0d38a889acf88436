import type { MessagePair, Template } from './message-table';
import { actionMessages } from './messages/action';
import { apiMessages } from './messages/api';
import { attachmentMessages } from './messages/attachment';
import { backupMessages } from './messages/backup';
import { calendarNoticeMessages } from './messages/calendar-notice';
import { capaMessages } from './messages/capa';
import { configAuthoriseMessages } from './messages/config-authorise';
import { configKindMessages } from './messages/config-kinds';
import { credentialMessages } from './messages/credential';
import { deskMessages } from './messages/desk';
import { deskLinkMessages } from './messages/desk-link';
import { documentMessages } from './messages/documents';
import { hostMessages } from './messages/host';
import { intakeMessages } from './messages/intake';
import { ledgerMessages } from './messages/ledger';
import { orgMessages } from './messages/org';
import { policyMessages } from './messages/policy';
import { revisionMessages } from './messages/revisions';
import { sealedMessages } from './messages/sealed';
import { statisticsMessages } from './messages/statistics';
import { surveyMessages } from './messages/survey';
import { syncAuthoriseMessages } from './messages/sync-authorise';

// The one catalogue of the messages behind every code that `parseEvent`, `validatePolicy`, the domain's
// refusals, the server's authorisation, the forms, the host bridge, backups and documents can produce. The
// domain, the server and the host name a code and its parameters; the words are here and in ./messages/
// (a namespace a module: action.*, intake.*, sync.*, host.* …). The catalogue is composed statically — no module registers words when it happens to be
// imported — so every code is known to the typecheck (`MessageCode`) and to every process alike.
// zh-CN is the source language; the general codes below keep one table a language, the namespaces pair
// the two languages per code (./message-table.ts); the type demands both either way.

export interface LocalisedMessage {
  'zh-CN': string;
  en: string;
}

const zh = {
  required: (f) => `「${f}」必须填写。`,
  type: (f) => `「${f}」的类型不对，请检查后重新填写。`,
  // A text says how long it may be and how long it is, in 字 (issue 11: 「经过」最多 4000 字，现在 4012 字).
  tooBig: (f, d) =>
    typeof d.input === 'string' && d.maximum !== undefined
      ? `「${f}」最多 ${String(d.maximum)} 字，现在 ${d.input.length} 字，请删减后再保存。`
      : Array.isArray(d.input) && d.maximum !== undefined
        ? `「${f}」最多 ${String(d.maximum)} 项，现在 ${d.input.length} 项，请删减后再保存。`
        : `「${f}」超出允许的范围${d.maximum !== undefined ? `（最多 ${String(d.maximum)}）` : ''}，请修改后再保存。`,
  tooSmall: (f, d) => `「${f}」太短或太小${d.minimum !== undefined ? `（至少 ${d.minimum}）` : ''}。`,
  unknownKey: (f, d) => `「${f}」含有不认识的字段${Array.isArray(d.keys) ? `：${d.keys.join('、')}` : ''}，已拒绝保存。`,
  eventType: (f) => `「${f}」不是已知的事件类型。`,
  value: (f) => `「${f}」的取值不在允许范围内。`,
  format: (f) => `「${f}」的格式不对。`,
  invalid: (f) => `「${f}」无效。`,
  eventTooLarge: () => '记录太大（超过 400 KB），已拒绝保存。请删减附带的图片或文字。',
  'case.number': (f) => `「${f}」不是有效的案件编号（格式如 HZ01-20261127-007）。`,
  'id.chars': (f) => `「${f}」只能包含字母、数字和 _ . : -。`,
  'form.key': (f) => `表单字段名「${f}」无效。`,
  'form.tooMany': (f) => `「${f}」的表单字段过多。`,
  'signature.image': (f) => `「${f}」不是有效的签名图片（PNG）。`,
} satisfies Record<string, Template>;

const en: Record<keyof typeof zh, Template> = {
  required: (f) => `"${f}" is required.`,
  type: (f) => `"${f}" has the wrong type; check it and enter it again.`,
  tooBig: (f, d) =>
    typeof d.input === 'string' && d.maximum !== undefined
      ? `"${f}" can be at most ${String(d.maximum)} characters; it has ${d.input.length}. Shorten it and save again.`
      : Array.isArray(d.input) && d.maximum !== undefined
        ? `"${f}" can have at most ${String(d.maximum)} items; it has ${d.input.length}. Remove some and save again.`
        : `"${f}" is out of range${d.maximum !== undefined ? ` (at most ${String(d.maximum)})` : ''}; change it and save again.`,
  tooSmall: (f, d) => `"${f}" is too short or too small${d.minimum !== undefined ? ` (at least ${d.minimum})` : ''}.`,
  unknownKey: (f, d) => `"${f}" contains unknown fields${Array.isArray(d.keys) ? `: ${d.keys.join(', ')}` : ''}; nothing was saved.`,
  eventType: (f) => `"${f}" is not a known event type.`,
  value: (f) => `"${f}" is not one of the allowed values.`,
  format: (f) => `"${f}" is not in the right format.`,
  invalid: (f) => `"${f}" is invalid.`,
  eventTooLarge: () => 'The record is too large (over 400 KB) and was not saved. Remove some of the attached image or text.',
  'case.number': (f) => `"${f}" is not a valid case number (like HZ01-20261127-007).`,
  'id.chars': (f) => `"${f}" may contain only letters, digits and _ . : -.`,
  'form.key': (f) => `Form field name "${f}" is invalid.`,
  'form.tooMany': (f) => `"${f}" has too many form fields.`,
  'signature.image': (f) => `"${f}" is not a valid signature image (PNG).`,
};

const general = Object.fromEntries((Object.keys(zh) as (keyof typeof zh)[]).map((code) => [code, { 'zh-CN': zh[code], en: en[code] }])) as Record<
  keyof typeof zh,
  MessagePair
>;

const CATALOGUE = {
  ...general,
  ...actionMessages,
  ...apiMessages,
  ...attachmentMessages,
  ...backupMessages,
  ...calendarNoticeMessages,
  ...capaMessages,
  ...configAuthoriseMessages,
  ...configKindMessages,
  ...credentialMessages,
  ...deskMessages,
  ...deskLinkMessages,
  ...documentMessages,
  ...hostMessages,
  ...intakeMessages,
  ...ledgerMessages,
  ...orgMessages,
  ...policyMessages,
  ...revisionMessages,
  ...sealedMessages,
  ...statisticsMessages,
  ...surveyMessages,
  ...syncAuthoriseMessages,
};

/** Every message code there is. */
export type MessageCode = keyof typeof CATALOGUE;

export const MESSAGE_CODES = Object.keys(CATALOGUE) as MessageCode[];

export function isMessageCode(code: string): code is MessageCode {
  return Object.hasOwn(CATALOGUE, code);
}

/** The sentence of `code` in both languages; a code from outside (a peer's newer version) reads as 「无效」. */
export function messageFor(code: MessageCode, field: string, detail: object = {}): LocalisedMessage {
  const d = detail as Record<string, unknown>;
  const pair: MessagePair = isMessageCode(code) ? CATALOGUE[code] : CATALOGUE.invalid;
  return { 'zh-CN': pair['zh-CN'](field, d), en: pair.en(field, d) };
}
