import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { CaseEvent } from '../../../src-shared/domain/events';
import { compareEvents } from '../../../src-shared/domain/projection';
import { CLOCK_ZH, departmentName, formatFormValue, formatMinute, nameOf, printedHash } from '../format';
import { formGrid, frameDocument, listTable, listTableLayout, section, type FormRow } from '../frame';
import {
  COMPLAINANT_SIGNER_ROLES,
  formOf,
  identityHidden,
  kindName,
  methodName,
  personWord,
  printedComplainant,
  receptionPointOf,
  staffName,
  statusName,
} from '../case-common';
import { callbackMethodName } from '../../../src-shared/domain/callback-outcome';
import { attachmentKindName, describeEvent, DOCUMENT_ZH, EVENT_ZH, roleLabel } from '../describe-event';
import { attachmentsOf } from '../../../src-shared/domain/attachments';
import { signatureRow, type SignatureSlot } from '../signatures';
import { stageRows } from '../stage-rows';
import type { CaseDocumentInput } from '../types';
import { commonFieldsOf } from '../../../src-shared/domain/intake';

// 案件档案: the complete, printable record of one case (S1-13 registration, written materials, evidence,
// handling report; S4-11 complainant, matter and evidence, handling and result, rectification and
// evaluation; X-5 nothing left out): every event in order, then each list the regulations name.

const NONE = [['—', '无', '', '', '']];

export function buildArchive(input: CaseDocumentInput): TDocumentDefinitions {
  const { case: c, policy } = input;
  const offset = policy.utcOffsetMinutes ?? 480;
  const t = (ms: number | undefined) => formatMinute(ms, offset);
  const staff = (id: string | undefined) => staffName(input, id);
  const who = printedComplainant(input);
  const person = personWord(policy, c.kind);
  const d = c.description ?? {};
  const events: CaseEvent[] = [...(input.events ?? [])].sort(compareEvents);
  const hidden = identityHidden(input);
  // The preset's own form decides which common rows exist and in whose words (no 严重程度 without grades,
  // no 地址 where the form asks none — S3-2, S11's 房号), as on the registration form (issue 16).
  const common = commonFieldsOf(policy, c.kind);

  const receptionPoint = receptionPointOf(policy, c);
  const overview: FormRow[] = [
    ['案件编号', c.number, '当前状态', statusName(c.status)],
    ['类\u3000\u3000型', kindName(policy, c.kind), '受理渠道', methodName(policy, c.channel)],
    [`${person.slice(0, -1)}时间`, t(c.receivedAt), '登记时间', t(c.registeredAt)],
    receptionPoint === undefined ? { wide: ['首问接待人', staff(c.firstReceiverId)] } : ['首问接待人', staff(c.firstReceiverId), '接 待 点', receptionPoint],
    common.asks('severity') || c.severity
      ? ['类\u3000\u3000别', nameOf(policy.categories, c.category), '严重程度', nameOf(policy.severities, c.severity)]
      : { wide: ['类\u3000\u3000别', nameOf(policy.categories, c.category)] },
    ['是否有效', c.valid === undefined ? '' : c.valid ? '有效投诉' : '无效投诉', '责任部门', departmentName(policy, c.departmentId)],
    ['涉及部门', (c.departmentsInvolved ?? []).map((id) => departmentName(policy, id)).join('、'), '通知单号', (c.noticeNos ?? []).join('、')],
    ['办结时间', t(c.resolvedAt), '关闭时间', t(c.closedAt)],
    ['制度版本', `第 ${c.policyRevision} 版`, '记录条数', String(events.length || c.eventCount || 0)],
  ];

  const matter: FormRow[] = [
    [person, who.name, '联系电话', who.phone],
    common.asks('complainant.address') || who.address
      ? ['身份/单位', [who.role, who.organisation].filter(Boolean).join('\u3000'), common.label('complainant.address') ?? '地\u3000\u3000址', who.address]
      : { wide: ['身份/单位', [who.role, who.organisation].filter(Boolean).join('\u3000')] },
    { wide: ['事\u3000\u3000由', c.subject] },
  ];
  const form = formOf(policy, c.kind);
  for (const f of form?.fields ?? []) {
    const v = formatFormValue(c.form?.[f.key], f.options, f.type, offset);
    if (v) matter.push({ wide: [f.label, v] });
  }
  for (const [lbl, v] of [
    ['事件时间', d.time],
    ['起\u3000\u3000因', d.cause],
    ['经\u3000\u3000过', d.process],
    ['结\u3000\u3000果', d.result],
    [`${person.slice(0, -1)}内容`, d.text],
  ] as const) {
    if (v) matter.push({ wide: [lbl, v] });
  }
  if (common.asks('demand') || c.demand) matter.push({ wide: [common.label('demand') ?? `${person.slice(0, -1)}要求`, c.demand] });
  if (c.riskFlags?.length) matter.push({ wide: ['风险提示', c.riskFlags.map((f) => nameOf(policy.riskFlags, f)).join('、')] });

  const content: Content[] = [section('一、案件概况'), formGrid(overview), section('二、投诉人及投诉事项'), formGrid(matter)];

  const sr = stageRows(input);
  if (sr.length) {
    content.push(section('三、处理时限'));
    content.push(
      listTable(
        ['环节', '时限', '计时方式', '应完成时间', '完成情况'],
        ['*', 52, 92, 78, 104],
        sr.map((r) => [r.name, r.limit, CLOCK_ZH[r.clock], r.due, r.outcome]),
      ),
    );
  }

  content.push(section(`四、处理过程记录（共 ${events.length || (c.timeline ?? []).length} 条）`));
  const timelineRows = events.length
    ? events.map((e, i) => [String(i + 1), t(e.at), EVENT_ZH[e.type] ?? e.type, staff(e.actorId), describeEvent(e, input, hidden)])
    : (c.timeline ?? []).map((e, i) => [String(i + 1), t(e.at), EVENT_ZH[e.type as keyof typeof EVENT_ZH] ?? e.type, staff(e.actorId), '']);
  content.push(listTable(['序号', '时间', '事项', '经办人', '内容'], [26, 74, 52, 52, '*'], timelineRows.length ? timelineRows : NONE, 8.5));

  const materials = (c.materials ?? []).filter((m) => m.kind !== 'evidence');
  content.push(section('五、书面材料清单'));
  content.push(
    listTable(
      ['序号', '材料名称', '说明', '添加时间', '添加人'],
      [26, 120, '*', 74, 52],
      materials.length
        ? materials.map((m, i) => [String(i + 1), `${m.kind === 'diary' ? '【工作日记】' : ''}${m.title}`, m.description ?? '', t(m.at), staff(m.by)])
        : NONE,
    ),
  );

  const evidenceItems: { at: number; row: string[] }[] = [];
  for (const m of c.materials ?? []) if (m.kind === 'evidence') evidenceItems.push({ at: m.at, row: [m.title, m.description ?? '', t(m.at), staff(m.by)] });
  for (const inv of c.investigations ?? [])
    for (const ev of inv.evidence ?? []) evidenceItems.push({ at: inv.at, row: [ev, '调查取得', t(inv.at), staff(inv.by)] });
  const evidence = evidenceItems.sort((a, b) => a.at - b.at).map((e) => e.row);
  content.push(section('六、调查证据清单'));
  content.push(
    listTable(['序号', '证据', '说明/来源', '时间', '经办人'], [26, 140, '*', 74, 52], evidence.length ? evidence.map((r, i) => [String(i + 1), ...r]) : NONE),
  );

  content.push(section('七、调查与答复'));
  const handling: string[][] = [];
  for (const inv of c.investigations ?? [])
    handling.push([
      t(inv.at),
      '调查核实',
      `${inv.inspectorIds.map(staff).join('、')}：${inv.findings}${inv.verified === undefined ? '' : inv.verified ? '（属实）' : '（不属实）'}`,
    ]);
  for (const r of c.replies ?? []) handling.push([t(r.at), `答复（${methodName(policy, r.method)}）`, r.content]);
  for (const a of c.approvals ?? [])
    if (a.decided)
      handling.push([
        t(a.decided.at),
        `审批：${a.step}`,
        `${staff(a.decided.by)} ${a.decided.approved ? '同意' : '不同意'}${a.decided.opinion ? `，${a.decided.opinion}` : ''}`,
      ]);
  content.push(listTable(['时间', '事项', '内容'], [74, 90, '*'], handling.length ? handling : [['', '无', '']]));

  content.push(section('八、处理结果'));
  const fb = c.feedback;
  content.push(
    formGrid([
      {
        wide: [
          '处理结果',
          c.result?.text ??
            (c.rejection
              ? `不予受理：${nameOf(
                  policy.inadmissibleReasons.map((r) => ({ code: r.code, name: r.text })),
                  c.rejection.reasonCode,
                )}；${c.rejection.explanation}`
              : ''),
        ],
        minHeight: c.result || c.rejection ? 0 : 30,
      },
      ['办结部门', departmentName(policy, c.result?.departmentId ?? c.departmentId), '办结时间', t(c.result?.at ?? c.rejection?.at)],
      { wide: ['结果反馈', fb ? (fb.given ? `${methodName(policy, fb.method)}：${fb.content}（${t(fb.at)}）` : `无法反馈：${fb.reason}（${t(fb.at)}）`) : ''] },
    ]),
  );

  content.push(section('九、整改与评价'));
  const cbs = c.callbacks ?? [];
  content.push(
    formGrid([
      { wide: ['整改措施', c.result?.rectification], minHeight: c.result?.rectification ? 0 : 24 },
      {
        wide: [
          '回访评价',
          cbs
            .map(
              (cb) =>
                `${t(cb.at)} ${callbackMethodName(policy, cb.method)}回访，满意度 ${cb.satisfaction}/5${cb.satisfied ? '（满意）' : '（不满意）'}：${cb.outcome}`,
            )
            .join('\n'),
        ],
        minHeight: cbs.length ? 0 : 24,
      },
    ]),
  );

  const sigs = c.signatures ?? [];
  if (sigs.length) {
    content.push(section('十、签名记录'));
    const slots: SignatureSlot[] = sigs.map((s) => ({
      label: `${DOCUMENT_ZH[s.document] ?? s.document} · ${roleLabel(s.role, input)}`,
      signature: s,
      confidential: hidden && COMPLAINANT_SIGNER_ROLES.has(s.role),
    }));
    for (let i = 0; i < slots.length; i += 3) {
      const row = slots.slice(i, i + 3);
      while (row.length < 3) row.push({ label: '', filler: true });
      content.push({ ...signatureRow(row, offset), margin: [0, i === 0 ? 0 : 4, 0, 0] });
    }
  }

  content.push(...attachmentSection(input, sigs.length ? '十一' : '十', t, staff));

  return frameDocument({
    ctx: input,
    title: '案件档案',
    code: c.number,
    subtitle: `案件编号：${c.number}\u3000\u3000${kindName(policy, c.kind)}\u3000\u3000${statusName(c.status)}`,
    content,
  });
}

/** Width and height of a picture drawn in the archive: two to a row on A4. */
const PICTURE_BOX: [number, number] = [240, 180];

/**
 * 附件 (issue 13): every file ever attached — name, caption, kind, SHA-256, who and when, and 已撤回 with
 * its reason for a withdrawn one (the record keeps it) — then the pictures still shown, drawn.
 */
function attachmentSection(
  input: CaseDocumentInput,
  numeral: string,
  t: (ms: number | undefined) => string,
  staff: (id: string | undefined) => string,
): Content[] {
  const files = attachmentsOf(input.case);
  const out: Content[] = [section(`${numeral}、附件（共 ${files.length} 个）`)];
  if (!files.length) {
    out.push(
      listTable(
        ['序号', '文件', '类别', '添加人', '添加时间', '状态'],
        [26, '*', 52, 52, 74, 60],
        NONE.map((r) => [...r, '']),
      ),
    );
    return out;
  }
  out.push({
    table: {
      headerRows: 1,
      keepWithHeaderRows: 1,
      widths: [26, '*', 52, 52, 74, 60],
      dontBreakRows: true,
      body: [
        ['序号', '文件', '类别', '添加人', '添加时间', '状态'].map((h) => ({ text: h, style: 'th' })),
        ...files.map((a, i) => [
          { text: String(i + 1), fontSize: 9 },
          {
            stack: [
              { text: a.name, fontSize: 9 },
              ...(a.caption ? [{ text: a.caption, fontSize: 8 }] : []),
              { text: printedHash(a.hash), fontSize: 6.5, color: '#555' },
            ],
          },
          { text: attachmentKindName(input.policy, a.kind), fontSize: 9 },
          { text: staff(a.by), fontSize: 9 },
          { text: t(a.at), fontSize: 9 },
          { text: a.withdrawn ? `已撤回（${t(a.withdrawn.at)} ${staff(a.withdrawn.by)}：${a.withdrawn.reason}）` : '有效', fontSize: 8 },
        ]),
      ],
    },
    layout: listTableLayout,
  });
  const pictures = files.filter((a) => !a.withdrawn && input.attachmentImages?.[a.hash]);
  for (let i = 0; i < pictures.length; i += 2) {
    out.push({
      columns: pictures.slice(i, i + 2).map((a) => ({
        width: PICTURE_BOX[0],
        stack: [
          { image: input.attachmentImages![a.hash]!, fit: PICTURE_BOX },
          { text: `图 ${files.indexOf(a) + 1}\u3000${a.name}${a.caption ? `：${a.caption}` : ''}`, fontSize: 8, margin: [0, 2, 0, 0] },
        ],
      })),
      columnGap: 16,
      margin: [0, 8, 0, 0],
      unbreakable: true,
    } as Content);
  }
  return out;
}
