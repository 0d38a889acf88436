import type { MessageTable } from '../message-table';

// Refusals of a corrective and preventive action on a repeated problem (src-shared/analytics/capa.ts).

export const capaMessages = {
  'capa.required': { 'zh-CN': () => '请填写原因、纠正措施和预防措施。', en: () => 'Enter the cause, the corrective action and the preventive action.' },
  'capa.tooLong': { 'zh-CN': () => '内容过长，请精简到 4000 字以内。', en: () => 'The text is too long; keep it under 4,000 characters.' },
  'capa.noCases': { 'zh-CN': () => '没有选中任何案件，请先选择重复问题组。', en: () => 'No cases are selected; choose a repeated-problem group first.' },
  'capa.due': { 'zh-CN': () => '期限格式应为 年-月-日，例如 2026-12-05。', en: () => 'The due date must look like 2026-12-05.' },
} satisfies MessageTable;
