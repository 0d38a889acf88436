import { medianMs, report } from './lib';
import type { CaseEvent } from '../src-shared/domain/events';
import { makeEvent, makeRegistration } from '../src-shared/domain/projection.fixtures';
import { testPolicy } from '../src-shared/domain/sla.fixtures';
import { caseDeadlineSummary, slaStagesFor } from '../src-shared/domain/sla';

// Recomputing every timer of 10k open cases (the queue after a restart, or the server's overdue list).
// Baseline: one plain pass over the same events reading each one's type, time and payload.
// Target (issue 2): ≤ 50 ms for all 10k cases.

const CASES = 10_000;
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
// Around National Day 2026 so working-day clocks cross holidays and 调休 make-up days.
const NOW = Date.UTC(2026, 9, 12, 2, 0);

const policy = testPolicy();
const kinds = ['complaint', 'product', 'complaint', 'complaint'];
const severities = ['general', 'important', 'important', 'major'];

function openCase(i: number): CaseEvent[] {
  const env = { caseId: `case-${i}` };
  const received = NOW - ((i * 7_919) % (20 * DAY)) - HOUR;
  const events: CaseEvent[] = [
    makeRegistration(
      received + MIN,
      { kind: kinds[i % 4]!, severity: 'general', receivedAt: received, number: `HZ01-20261001-${String(i % 1000).padStart(3, '0')}` },
      env,
    ),
    makeEvent('case.classified', { severity: severities[i % 4]!, category: 'service' }, received + 5 * MIN, env),
    makeEvent('case.accepted', {}, received + 6 * MIN, env),
    makeEvent('case.assigned', { departmentId: 'engineering', noticeNo: `N-${i}` }, received + 20 * MIN, env),
    makeEvent('case.note', { text: '已联系业主' }, received + 2 * HOUR, env),
    makeEvent('case.clock_paused', { reason: '等待业主' }, received + 3 * HOUR, env),
    makeEvent('case.clock_resumed', {}, received + 27 * HOUR, env),
    makeEvent(
      i % 2 ? 'case.replied' : 'case.site_visited',
      i % 2 ? { to: 'complainant', method: 'phone', content: '已答复' } : { note: '现场查看' },
      received + 30 * HOUR,
      env,
    ) as CaseEvent,
  ];
  if (i % 5 === 0) events.push(makeEvent('case.sample_sent', { sample: '样品' }, received + 31 * HOUR, env));
  return events.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
}

const cases: CaseEvent[][] = [];
for (let i = 0; i < CASES; i++) cases.push(openCase(i));
const eventCount = cases.reduce((n, c) => n + c.length, 0);

let sink = 0;
const baseline = await medianMs(() => {
  for (const events of cases) {
    for (const e of events) {
      sink += e.at + e.type.length + (e.payload ? 1 : 0);
    }
  }
}, 9);

let stageCount = 0;
let breached = 0;
const figure = await medianMs(() => {
  stageCount = 0;
  breached = 0;
  for (const events of cases) {
    const stages = slaStagesFor(policy, events, NOW);
    stageCount += stages.length;
    if (caseDeadlineSummary(stages)?.state === 'breached') breached++;
  }
}, 9);

report({
  bench: 'sla.recompute-10k-open-cases',
  figure: Number(figure.toFixed(2)),
  unit: 'ms',
  baseline: Number(baseline.toFixed(2)),
  baselineLabel: 'plain pass over the same events (type, time, payload)',
  ratio: baseline / figure,
  target: '≤ 50 ms',
  meetsTarget: figure <= 50,
  extra: {
    cases: CASES,
    events: eventCount,
    stagesComputed: stageCount,
    stagesPerCase: Number((stageCount / CASES).toFixed(2)),
    policyStages: policy.stages.length,
    breachedCases: breached,
    sink: sink % 7,
  },
});
