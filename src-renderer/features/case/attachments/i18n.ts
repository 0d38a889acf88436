import { useFeatureT, type Language } from '../../../i18n/i18n';

// Strings of the case page's 附件 section (zh-CN source, en complete).

const zhCN = {
  title: '附件',
  add: '添加附件',
  empty: '还没有附件。点击「添加附件」选择照片、扫描件、PDF 或录音，也可以直接粘贴截图（Ctrl+V）。',
  dialogTitle: '添加附件',
  kind: '类别',
  caption: '说明（可选）',
  captionHint: '例如：漏水处天花板，拍摄于 3 楼走廊',
  save: '保存',
  cancel: '取消',
  preparing: '正在处理文件…',
  shrunk: '照片已缩小到 {w}×{h}，并去掉了拍摄位置等信息。',
  saved: '附件已保存',
  view: '查看',
  withdraw: '撤回',
  withdrawTitle: '撤回附件「{name}」',
  withdrawHint: '撤回后附件不再显示，但处理记录和案件档案中仍保留，并注明已撤回。',
  withdrawReason: '撤回原因',
  withdrawOk: '确定撤回',
  withdrawn: '附件已撤回',
  withdrawnCount: '已撤回 {n} 个（见处理记录）',
  missing: '文件内容尚未下载到本机',
  downloadingBody: '正在从服务器下载…',
  pending: '待上传',
  pendingHint: '文件保存在本机，这条附件记录同步到服务器后自动上传。',
  synced: '已同步',
  syncedHint: '服务器已保存这个文件，其他工作台打开案件时可以下载查看。',
  refused: '未能上传',
  refusedHint: '服务器拒收了这个文件，不会再自动上传：{reason}',
  notDownloaded: '未下载',
  notDownloadedHint: '文件在其他工作台添加，打开案件时自动从服务器下载；暂时连不上服务器或对方尚未上传时，会稍后重试。',
  downloading: '下载中',
  download: '下载',
  unreadable: '无法读取这个文件：{reason}',
  pasted: '粘贴的图片',
  by: '{who} · {at}',
  pdfPages: 'PDF',
};

type Key = keyof typeof zhCN;

const en: Record<Key, string> = {
  title: 'Files',
  add: 'Attach file',
  empty: 'No files yet. Use “Attach file” to add photos, scans, PDFs or recordings, or paste a screenshot (Ctrl+V).',
  dialogTitle: 'Attach file',
  kind: 'Kind',
  caption: 'Caption (optional)',
  captionHint: 'e.g. ceiling where the water comes in, 3rd floor corridor',
  save: 'Save',
  cancel: 'Cancel',
  preparing: 'Preparing the file…',
  shrunk: 'The photo was reduced to {w}×{h} and its location and camera data removed.',
  saved: 'File attached',
  view: 'View',
  withdraw: 'Withdraw',
  withdrawTitle: 'Withdraw “{name}”',
  withdrawHint: 'A withdrawn file is no longer shown, but the record and the case archive keep it, marked withdrawn.',
  withdrawReason: 'Reason',
  withdrawOk: 'Withdraw',
  withdrawn: 'File withdrawn',
  withdrawnCount: '{n} withdrawn (see the record)',
  missing: 'The file has not been downloaded to this desk yet',
  downloadingBody: 'Downloading from the server…',
  pending: 'Waiting to upload',
  pendingHint: 'The file is kept on this desk and uploads once this attachment’s record has reached the server.',
  synced: 'Synced',
  syncedHint: 'The server holds this file; other desks can download it when they open the case.',
  refused: 'Not uploaded',
  refusedHint: 'The server refused this file and it will not be sent again: {reason}',
  notDownloaded: 'Not downloaded',
  notDownloadedHint: 'Attached at another desk; it downloads from the server when the case is open, and is tried again later when the server cannot be reached or the other desk has not uploaded it yet.',
  downloading: 'Downloading',
  download: 'Download',
  unreadable: 'The file cannot be read: {reason}',
  pasted: 'Pasted picture',
  by: '{who} · {at}',
  pdfPages: 'PDF',
};

const tables: Record<Language, Record<Key, string>> = { 'zh-CN': zhCN, en };

export function useAT() {
  return useFeatureT(tables);
}
