import { addValidationMessages } from '../i18n/validation';

// The sentences behind the attachment codes of ./attachments.ts and the attachment actions (issue 13),
// shown at the desk and returned by the server when it refuses a body.

const s = (v: unknown) => String(v ?? '');

addValidationMessages({
  'attachment.hash': { 'zh-CN': (f) => `「${f}」不是有效的文件摘要（SHA-256）。`, en: (f) => `"${f}" is not a valid SHA-256 file hash.` },
  'attachment.type': { 'zh-CN': (f) => `「${f}」不是有效的文件类型。`, en: (f) => `"${f}" is not a valid file type.` },
  'attachment.typeRefused': {
    'zh-CN': (_f, d) => `不能添加这种文件（${s(d.type)}）。可以添加图片、PDF、录音、Word/Excel 文档和文本文件。`,
    en: (_f, d) => `Files of this type (${s(d.type)}) cannot be attached. Pictures, PDF, sound recordings, Word/Excel documents and text files can.`,
  },
  'attachment.empty': { 'zh-CN': () => '文件是空的，没有可保存的内容。', en: () => 'The file is empty; there is nothing to keep.' },
  'attachment.tooLarge': {
    'zh-CN': (_f, d) => `文件太大：${s(d.size)} MB，单个文件最多 ${s(d.max)} MB。`,
    en: (_f, d) => `The file is too large: ${s(d.size)} MB; a file may be at most ${s(d.max)} MB.`,
  },
  'attachment.tooMany': { 'zh-CN': () => '一份档案最多印 60 张附件图片。', en: () => 'An archive prints at most 60 attachment pictures.' },
  'attachment.unknown': { 'zh-CN': () => '此案件没有这个附件。', en: () => 'This case has no such attachment.' },
  'attachment.alreadyWithdrawn': { 'zh-CN': () => '这个附件已经撤回了。', en: () => 'This attachment has already been withdrawn.' },
});
