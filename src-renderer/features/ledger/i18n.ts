import { useLanguage, type Language } from '../../i18n/i18n';

// Strings of the rewards-and-penalties ledger (zh-CN source, en complete).

const zhCN = {
  title: '奖惩台账',
  suggestions: '系统建议（超时处罚、核实举报奖励）',
  suggestionsNone: '暂无待提交的建议。',
  submit: '提交建议',
  submitAll: '全部提交',
  ledger: '台账',
  approve: '批准',
  reject: '驳回',
  sign: '签字',
  totals: '已批准奖励 {r} 元 · 已批准处罚 {p} 元 · 费用 {e} 元',
  accountability: '问责清单（逾期与超时案件）',
  accountabilityNone: '没有逾期或超时的案件。',
  date: '日期',
  case: '案件编号',
  kind: '类别',
  name: '名称',
  amount: '金额（元）',
  party: '对象',
  status: '状态',
  actions: '操作',
  stage: '环节',
  due: '时限',
  over: '超时',
  department: '责任部门',
  overdue: '逾期未办',
  late: '超时办结',
  exportXlsx: '导出 Excel',
  exportCsv: '导出 CSV',
  done: '已保存。',
  expense: '登记费用',
  expenseType: '费用项目',
  description: '说明',
  chain: '签字顺序：{chain}',
  noPolicy: '本台尚未配置制度，请先完成首次设置。',
  save: '保存',
  cancel: '取消',
  'kind.reward': '奖励',
  'kind.penalty': '处罚',
  'kind.expense': '费用',
  'st.proposed': '待审批',
  'st.approved': '已批准',
  'st.rejected': '已驳回',
  'st.signing': '签字中',
  'st.signed': '已签齐',
} as const;

export type LedgerKey = keyof typeof zhCN;

const en: Record<LedgerKey, string> = {
  title: 'Rewards and penalties',
  suggestions: 'Suggestions (late-stage penalties, verified-report rewards)',
  suggestionsNone: 'Nothing to submit.',
  submit: 'Submit',
  submitAll: 'Submit all',
  ledger: 'Ledger',
  approve: 'Approve',
  reject: 'Reject',
  sign: 'Sign',
  totals: 'Approved rewards {r} yuan · approved penalties {p} yuan · expenses {e} yuan',
  accountability: 'Accountability list (overdue and late cases)',
  accountabilityNone: 'No overdue or late cases.',
  date: 'Date',
  case: 'Case',
  kind: 'Type',
  name: 'Name',
  amount: 'Amount (yuan)',
  party: 'Party',
  status: 'Status',
  actions: 'Actions',
  stage: 'Stage',
  due: 'Due',
  over: 'Over by',
  department: 'Department',
  overdue: 'Overdue',
  late: 'Late',
  exportXlsx: 'Export Excel',
  exportCsv: 'Export CSV',
  done: 'Saved.',
  expense: 'Record expense',
  expenseType: 'Expense',
  description: 'Description',
  chain: 'Signing order: {chain}',
  noPolicy: 'This desk has no policy yet; finish the first-run setup.',
  save: 'Save',
  cancel: 'Cancel',
  'kind.reward': 'Reward',
  'kind.penalty': 'Penalty',
  'kind.expense': 'Expense',
  'st.proposed': 'Proposed',
  'st.approved': 'Approved',
  'st.rejected': 'Rejected',
  'st.signing': 'Signing',
  'st.signed': 'Signed',
};

const tables: Record<Language, Record<LedgerKey, string>> = { 'zh-CN': zhCN, en };

export function useLT(): { t: (key: LedgerKey, vars?: Record<string, string | number>) => string; lang: Language } {
  const lang = useLanguage();
  return {
    lang,
    t: (key, vars) => {
      const s = tables[lang][key];
      return vars ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : s;
    },
  };
}
