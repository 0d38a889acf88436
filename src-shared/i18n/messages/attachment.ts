import type { MessageTable } from '../message-table';

// The sentences behind the attachment codes of ./attachments.ts and the attachment actions (issue 13),
// shown at the desk and returned by the server when it refuses a body.

const s = (v: unknown) => String(v ?? '');

/** What a file of each allowed type is, as a clerk would say it: the claim a refused file makes. */
const TYPE_NAMES: Record<string, { 'zh-CN': string; en: string }> = {
  'image/jpeg': { 'zh-CN': 'JPEG 图片', en: 'a JPEG picture' },
  'image/png': { 'zh-CN': 'PNG 图片', en: 'a PNG picture' },
  'image/webp': { 'zh-CN': 'WebP 图片', en: 'a WebP picture' },
  'image/gif': { 'zh-CN': 'GIF 图片', en: 'a GIF picture' },
  'application/pdf': { 'zh-CN': 'PDF 文件', en: 'a PDF document' },
  'audio/mpeg': { 'zh-CN': 'MP3 录音', en: 'an MP3 recording' },
  'audio/mp4': { 'zh-CN': 'M4A 录音', en: 'an M4A recording' },
  'audio/ogg': { 'zh-CN': 'OGG 录音', en: 'an OGG recording' },
  'audio/wav': { 'zh-CN': 'WAV 录音', en: 'a WAV recording' },
  'audio/webm': { 'zh-CN': 'WebM 录音', en: 'a WebM recording' },
  'audio/amr': { 'zh-CN': 'AMR 录音', en: 'an AMR recording' },
  'application/msword': { 'zh-CN': 'Word 文档（.doc）', en: 'a Word document (.doc)' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { 'zh-CN': 'Word 文档（.docx）', en: 'a Word document (.docx)' },
  'application/vnd.ms-excel': { 'zh-CN': 'Excel 表格（.xls）', en: 'an Excel workbook (.xls)' },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { 'zh-CN': 'Excel 表格（.xlsx）', en: 'an Excel workbook (.xlsx)' },
  'text/plain': { 'zh-CN': '文本文件', en: 'a text file' },
};
const typeName = (type: unknown, lang: 'zh-CN' | 'en') => (Object.hasOwn(TYPE_NAMES, s(type)) ? TYPE_NAMES[s(type)]![lang] : s(type));
/** The zh-CN name after a Chinese word: a space before a Latin start (是 JPEG 图片), none before a Chinese one (是文本文件). */
const afterHan = (type: unknown) => {
  const name = typeName(type, 'zh-CN');
  return /^[A-Za-z]/.test(name) ? ` ${name}` : name;
};

export const attachmentMessages = {
  'attachment.hash': { 'zh-CN': (f) => `「${f}」不是有效的文件摘要（SHA-256）。`, en: (f) => `"${f}" is not a valid SHA-256 file hash.` },
  'attachment.type': { 'zh-CN': (f) => `「${f}」不是有效的文件类型。`, en: (f) => `"${f}" is not a valid file type.` },
  'attachment.typeRefused': {
    'zh-CN': (_f, d) => `不能添加这种文件（${s(d.type)}）。可以添加图片、PDF、录音、Word/Excel 文档和文本文件。`,
    en: (_f, d) => `Files of this type (${s(d.type)}) cannot be attached. Pictures, PDF, sound recordings, Word/Excel documents and text files can.`,
  },
  // A renamed file (a program called 照片.jpg): named, with what it claims to be, so the clerk can ask
  // whoever handed it over for the real one.
  'attachment.notOfType': {
    'zh-CN': (_f, d) =>
      `「${s(d.name)}」标明是${afterHan(d.type)}，但文件内容不是${afterHan(d.type)}，没有添加。它可能是改了扩展名的其他文件，请核实后选择原来的文件。`,
    en: (_f, d) =>
      `"${s(d.name)}" says it is ${typeName(d.type, 'en')}, but its contents are not; it was not attached. It may be another kind of file with its extension changed: check it and choose the original file.`,
  },
  'attachment.empty': { 'zh-CN': () => '文件是空的，没有可保存的内容。', en: () => 'The file is empty; there is nothing to keep.' },
  'attachment.tooLarge': {
    'zh-CN': (_f, d) => `文件太大：${s(d.size)} MB，单个文件最多 ${s(d.max)} MB。`,
    en: (_f, d) => `The file is too large: ${s(d.size)} MB; a file may be at most ${s(d.max)} MB.`,
  },
  'attachment.tooMany': { 'zh-CN': () => '一份档案最多印 60 张附件图片。', en: () => 'An archive prints at most 60 attachment pictures.' },
  'attachment.unknown': { 'zh-CN': () => '此案件没有这个附件。', en: () => 'This case has no such attachment.' },
  'attachment.alreadyWithdrawn': { 'zh-CN': () => '这个附件已经撤回了。', en: () => 'This attachment has already been withdrawn.' },
} satisfies MessageTable;
