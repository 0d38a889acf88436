import { sentenceIn, type MessageTable } from '../message-table';

export const intakeMessages = {
  'intake.required': { 'zh-CN': (f) => `请填写「${f}」。`, en: (f) => `Please fill in "${f}".` },
  'intake.tooLong': {
    'zh-CN': (f, d) => `「${f}」最多 ${String(d.maximum)} 字${typeof d.length === 'number' ? `，现在 ${d.length} 字` : ''}，请删减。`,
    en: (f, d) => `"${f}" can be at most ${String(d.maximum)} characters${typeof d.length === 'number' ? `; it has ${d.length}` : ''}. Please shorten it.`,
  },
  'intake.option': { 'zh-CN': (f) => `请从列表中选择「${f}」。`, en: (f) => `Choose "${f}" from the list.` },
  'intake.number': { 'zh-CN': (f) => `「${f}」请填写数字。`, en: (f) => `"${f}" must be a number.` },
  'intake.date': { 'zh-CN': (f) => `「${f}」请按 年-月-日 填写，例如 2026-11-27。`, en: (f) => `Enter "${f}" as year-month-day, e.g. 2026-11-27.` },
  'intake.datetime': {
    'zh-CN': (f) => `「${f}」请按 年-月-日 时:分 填写，例如 2026-11-27 09:30。`,
    en: (f) => `Enter "${f}" as year-month-day hour:minute, e.g. 2026-11-27 09:30.`,
  },
  'intake.phone': {
    'zh-CN': (f) => `「${f}」不是有效的电话号码，请只填数字和 + - ( ) 。`,
    en: (f) => `"${f}" is not a valid phone number; use digits and + - ( ) only.`,
  },
  'intake.time': { 'zh-CN': (f) => `「${f}」不是有效的时间。`, en: (f) => `"${f}" is not a valid time.` },
  'intake.future': { 'zh-CN': (f) => `「${f}」不能晚于现在，请检查日期和时间。`, en: (f) => `"${f}" cannot be in the future; check the date and time.` },
  'intake.relatedConfidential': {
    'zh-CN': () => '投诉人要求保密或匿名的案件不能关联到其他案件：请取消关联，或取消保密。',
    en: () => 'A case whose complainant is confidential or anonymous cannot be linked to another case: remove the link, or the confidentiality.',
  },
  'intake.apology': {
    'zh-CN': () => '请先向来访人致歉，再勾选“已致歉”后登记。',
    en: () => 'Apologise to the caller first, then tick "Apologised" to register.',
  },
  'intake.kind': { 'zh-CN': (f) => `「${f}」不是本制度中的类别。`, en: (f) => `"${f}" is not a kind in this policy.` },
  'intake.explanationRequired': { 'zh-CN': () => '不予受理须向对方说明理由，请填写此项。', en: () => 'A refusal must tell the person why: fill this in.' },
  /**
   * The intake form's own schema refused a registration (domain/intake.ts): its issue's sentence, already
   * said in both languages by the form's schema for the kind, is passed as `said` and relayed as it is.
   */
  'intake.invalid': {
    'zh-CN': (f, d) => sentenceIn(d.said, 'zh-CN') ?? `「${f}」无效。`,
    en: (f, d) => sentenceIn(d.said, 'en') ?? `"${f}" is invalid.`,
  },
  'intake.reasonUnknown': {
    'zh-CN': () => '这条不予受理理由不在现行制度中，请重新选择。',
    en: () => 'This reason is not in the policy in force; choose again.',
  },
} satisfies MessageTable;
