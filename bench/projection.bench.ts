import { parseEvent } from '../src-shared/domain/parse';
import { applyEvents, projectCases } from '../src-shared/domain/projection';
import { ulidAt } from '../src-shared/domain/projection.fixtures';
import type { CaseEvent } from '../src-shared/domain/events';
import type { CaseState } from '../src-shared/domain/case-state';
import { medianMs, report } from './lib';

// Issue 2 "Measure": 100k events into 10k cases, full rebuild and incremental one event at a time, beside
// a baseline that only parses (parseEvent) and iterates the same events. Target: rebuild ≥ 300k events/s.

const CASES = 10_000;
const PER_CASE = 10;
const T0 = Date.UTC(2026, 10, 1, 1, 0, 0);

/** A realistic life of a case: register, accept, assign, acknowledge, investigate, reply, resolve, feedback, close, callback. */
function lifeOf(c: number): { type: string; payload: Record<string, unknown> }[] {
  return [
    {
      type: 'case.registered',
      payload: {
        number: `HZ${String(c % 10).padStart(2, '0')}-20261101-${String(c).padStart(5, '0')}`,
        kind: 'complaint',
        channel: 'phone',
        receivedAt: T0,
        firstReceiverId: `s-${c % 7}`,
        complainant: { anonymous: false, confidential: c % 5 === 0, name: '张三', phone: '13812345678' },
        subject: '楼上漏水',
        description: { text: '卫生间天花板漏水三天，影响正常使用。' },
        riskFlags: [],
        form: { room: `${c % 30}-${c % 400}` },
      },
    },
    { type: 'case.accepted', payload: {} },
    { type: 'case.assigned', payload: { departmentId: 'd-eng', assigneeId: `s-${c % 11}`, noticeNo: `N-${c}` } },
    { type: 'case.handover_acknowledged', payload: { departmentId: 'd-eng' } },
    { type: 'case.investigated', payload: { inspectorIds: ['s-1', 's-2'], findings: '管道老化渗漏', evidence: [] } },
    { type: 'case.replied', payload: { to: 'complainant', method: 'phone', content: '已安排维修。' } },
    { type: 'case.resolved', payload: { result: '已更换管道', departmentId: 'd-eng' } },
    { type: 'case.feedback_given', payload: { method: 'phone', content: '已告知业主维修完成。' } },
    { type: 'case.closed', payload: {} },
    { type: 'case.callback_done', payload: { method: 'phone', satisfied: true, satisfaction: 5, outcome: '满意' } },
  ];
}

/** Raw documents as they arrive from storage or the network, interleaved across cases in time. */
function rawDocuments(): unknown[] {
  const docs: unknown[] = [];
  let seq = 0;
  for (let step = 0; step < PER_CASE; step++) {
    for (let c = 0; c < CASES; c++) {
      const e = lifeOf(c)[step]!;
      const at = T0 + step * 3_600_000 + c * 100;
      docs.push({
        id: ulidAt(at, ++seq),
        caseId: `case-${c}`,
        orgId: 'org-1',
        siteId: 'site-1',
        deskId: 'desk-1',
        actorId: `s-${c % 9}`,
        type: e.type,
        at,
        payload: e.payload,
        policyRevision: 1,
        v: 1,
      });
    }
  }
  return JSON.parse(JSON.stringify(docs)) as unknown[];
}

const raw = rawDocuments();
const events: CaseEvent[] = raw.map((d) => {
  const r = parseEvent(d);
  if (!r.ok) throw new Error(`bench fixture invalid: ${JSON.stringify(r.errors[0])}`);
  return r.value;
});
const n = events.length;

let sink = 0;
const parseMs = await medianMs(() => {
  for (const d of raw) {
    const r = parseEvent(d);
    if (r.ok) sink += r.value.at & 1;
  }
}, 3);
const baseline = n / (parseMs / 1000);

let cases = 0;
const rebuildMs = await medianMs(() => {
  cases = projectCases(events).size;
}, 5);
const rebuild = n / (rebuildMs / 1000);
if (cases !== CASES) throw new Error(`expected ${CASES} cases, projected ${cases}`);

const incrementalMs = await medianMs(() => {
  const states = new Map<string, { state: CaseState | undefined; history: CaseEvent[] }>();
  for (const e of events) {
    let entry = states.get(e.caseId);
    if (!entry) states.set(e.caseId, (entry = { state: undefined, history: [] }));
    entry.state = applyEvents(entry.state, [e], entry.history);
    entry.history.push(e);
  }
  sink += states.size;
}, 3);
const incremental = n / (incrementalMs / 1000);

const target = 300_000;
report({
  bench: 'projection.rebuild',
  figure: Math.round(rebuild),
  unit: 'events/s',
  baseline: Math.round(baseline),
  baselineLabel: 'parseEvent + iterate the same events',
  ratio: rebuild / baseline,
  target: '≥ 300000 events/s',
  meetsTarget: rebuild >= target,
  extra: { events: n, cases: CASES, ms: Number(rebuildMs.toFixed(1)), baselineMs: Number(parseMs.toFixed(1)) },
});
report({
  bench: 'projection.incremental',
  figure: Math.round(incremental),
  unit: 'events/s',
  baseline: Math.round(baseline),
  baselineLabel: 'parseEvent + iterate the same events',
  ratio: incremental / baseline,
  extra: { events: n, cases: CASES, ms: Number(incrementalMs.toFixed(1)), oneEventPerCall: 'yes', sink: sink & 1 },
});
