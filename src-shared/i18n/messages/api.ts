import type { MessageTable } from '../message-table';
import { ATTACHMENT_LIMITS } from '../../domain/attachments';

// Every error the central server answers with (src-server/errors.ts, ApiError), as a sentence that says what
// to do next. The response carries the code without its namespace (`unauthorized`) and both sentences.

// The server's refusal of a body over the limit; the browser shell's relay refuses with the same words before relaying.
const MAX_MB = ATTACHMENT_LIMITS.maxBytes / 1024 / 1024;

export const apiMessages = {
  'api.unauthorized': {
    'zh-CN': () => '未登录或凭据无效：请在“设置 → 连接服务器”中重新加入服务器。',
    en: () => 'Not signed in or the credentials are invalid: join the server again under Settings → Connect to server.',
  },
  'api.tokenRevoked': {
    'zh-CN': () => '此工作台的凭据已被管理员吊销，请联系管理员获取新的加入码。',
    en: () => 'This desk’s credentials were revoked by an administrator; ask them for a new enrolment code.',
  },
  'api.forbidden': {
    'zh-CN': () => '无权访问其他单位或站点的数据。',
    en: () => 'You may not access data of another organisation or site.',
  },
  'api.adminOnly': { 'zh-CN': () => '此操作需要管理员凭据。', en: () => 'This operation needs an administrator token.' },
  'api.invalidDocuments': {
    'zh-CN': () => '提交的记录未通过校验，全部未保存。请根据字段提示修改后重试。',
    en: () => 'The submitted records failed validation and nothing was saved. Correct the listed fields and try again.',
  },
  'api.eventsRefused': {
    'zh-CN': () => '部分记录未获授权（操作人、角色、工作台或时间不符），整批未保存。被拒绝的记录及原因见列表。',
    en: () => 'Some records are not authorised (actor, role, desk or time); nothing in the batch was saved. The refused records and why are listed.',
  },
  'api.configRefused': {
    'zh-CN': () => '部分配置记录无权修改（机构配置须由管理员确认后发布），整批未保存。被拒绝的记录及原因见列表。',
    en: () =>
      'Some configuration records may not be changed by this desk (the organisation’s configuration needs an administrator); nothing in the batch was saved. The refused records and why are listed.',
  },
  'api.adminSignInFailed': {
    'zh-CN': () => '管理员确认未通过：人员或口令不对，或此人没有管理权限（管理须使用口令，不能只用 PIN 码）。',
    en: () => 'Administrator check failed: wrong person or passphrase, or this person does not administer (administration needs a passphrase, not only a PIN).',
  },
  'api.badRequest': { 'zh-CN': () => '请求格式不正确，未做任何更改。', en: () => 'The request is malformed; nothing was changed.' },
  'api.bodyTooLarge': {
    'zh-CN': () => '请求内容太大，未做任何更改。请分批提交。',
    en: () => 'The request body is too large; nothing was changed. Send it in smaller batches.',
  },
  'api.codeInvalid': {
    'zh-CN': () => '加入码无效、已使用或已过期。请向管理员索取新的加入码。',
    en: () => 'The enrolment code is invalid, already used or expired. Ask the administrator for a new one.',
  },
  'api.tooManyAttempts': {
    'zh-CN': () => '失败的尝试次数过多，暂时不再接受来自此地址的请求；请稍后（见 Retry-After 秒数）再试。',
    en: () => 'Too many failed attempts: requests from this address are refused for now; try again later (see Retry-After, in seconds).',
  },
  'api.tooManyStreams': {
    'zh-CN': () => '此工作台打开的实时连接过多，未再打开新的连接。请关闭多余的窗口后重试。',
    en: () => 'This desk has too many open change streams, so no new one was opened. Close extra windows and try again.',
  },
  'api.deskUnknown': { 'zh-CN': () => '本单位没有这个工作台代码，无法重新加入。', en: () => 'This organisation has no desk with that code to re-enrol.' },
  'api.attachmentHashInvalid': {
    'zh-CN': () => '文件摘要格式不正确（应为 64 位小写十六进制 SHA-256），未做任何更改。',
    en: () => 'The file hash is malformed (64 lower-case hex digits of SHA-256 expected); nothing was changed.',
  },
  'api.attachmentUnknown': {
    'zh-CN': () => '服务器上没有本工作台可见的案件引用这个文件：请先同步案件记录再上传；其他单位或站点的文件不能下载。',
    en: () =>
      'No case this desk may see refers to this file on the server: sync the case records before uploading; files of another organisation or site cannot be downloaded.',
  },
  'api.attachmentNotUploaded': {
    'zh-CN': () => '添加这个附件的工作台还没有把文件上传到服务器，稍后会自动重试。',
    en: () => 'The desk that attached this file has not uploaded it to the server yet; retrying automatically later.',
  },
  'api.attachmentHashMismatch': {
    'zh-CN': () => '收到的文件内容与其摘要（SHA-256）不符，可能在传输中损坏，未保存。',
    en: () => 'The bytes received do not match their SHA-256 hash (damaged in transit?); nothing was stored.',
  },
  'api.attachmentTypeRefused': {
    'zh-CN': () => '文件内容与登记的类型不符，或不是允许的类型（图片、PDF、录音、Word/Excel 文档、文本），未保存。',
    en: () =>
      'The file’s bytes are not of its recorded type, or not an allowed type (pictures, PDF, recordings, Word/Excel documents, text); nothing was stored.',
  },
  'api.attachmentSizeMismatch': {
    'zh-CN': () => '文件大小与附件记录中登记的大小不符，未保存。',
    en: () => 'The file’s size differs from the size its attachment record states; nothing was stored.',
  },
  'api.attachmentTooLarge': {
    'zh-CN': () => `文件太大，单个附件最多 ${MAX_MB} MB，未保存。`,
    en: () => `The file is too large: an attachment may be at most ${MAX_MB} MB; nothing was stored.`,
  },
  'api.notFound': { 'zh-CN': () => '找不到所请求的内容。', en: () => 'The requested item was not found.' },
  'api.presetUnknown': { 'zh-CN': () => '找不到该预设制度。', en: () => 'No preset with that id.' },
  'api.conflict': { 'zh-CN': () => '数据已存在且内容不同，未做更改。', en: () => 'The item already exists with different content; nothing was changed.' },
  'api.internal': { 'zh-CN': () => '服务器内部错误，请稍后重试；数据未丢失。', en: () => 'Internal server error; try again later. No data was lost.' },
  'api.unavailable': { 'zh-CN': () => '服务器正在关闭或暂时不可用，请稍后重试。', en: () => 'The server is shutting down or unavailable; try again later.' },
} satisfies MessageTable;
