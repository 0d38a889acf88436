import { createDocumentHandlers } from '../../src-main/documents/handlers';
import { slaStagesFor } from '../../src-shared/domain/sla';
import { PRESETS, realisticCase, cst } from './fixtures';
import { renderPages } from './pdf-tools';

// Developer aid: renders every document of one preset into test-artifacts/documents/look-* for review.
const h = createDocumentHandlers({ archiveRoot: '/tmp/jiesu-look' });
const preset = PRESETS.find((p) => p.id === (process.argv[2] ?? 's7-property'))!;
const pc = realisticCase(preset);
const printedAt = cst(2026, 11, 30, 10, 0);
const ctx = { organisation: pc.organisation, policy: pc.policy, staffNames: pc.staffNames, printedAt };
const base = { ...ctx, case: pc.state, events: pc.events };
const all = Array.from({ length: 40 }, (_, i) => realisticCase(preset, { seq: i + 1, at: cst(2026, 11, 1 + (i % 28), 9, i), signed: false }));
const docs = {
  registration: base,
  notice: base,
  callback: base,
  archive: base,
  summary: { ...ctx, period: { label: '2026年11月', from: cst(2026, 11, 1), to: cst(2026, 12, 1) }, cases: all.map((x) => x.state), stagesByCase: Object.fromEntries(all.map((x) => [x.state.id, slaStagesFor(x.policy, x.events, printedAt)])) },
  daily_quality: { ...ctx, date: cst(2026, 11, 27, 12), cases: [pc.state, realisticCase(preset, { seq: 8, kind: pc.policy.kinds[1]?.code }).state] },
  regulation: { ...ctx, signOff: { authorName: '张明', authorDate: cst(2025, 12, 20), reviewerName: '刘芳', reviewerDate: cst(2025, 12, 25) } },
} as const;
for (const [id, data] of Object.entries(docs)) {
  const t = performance.now();
  const r = await h['documents.render']({ document: id as never, data: JSON.parse(JSON.stringify(data)) });
  console.log(id, r.pages, Math.round(performance.now() - t), 'ms', renderPages(Buffer.from(r.pdfBase64, 'base64'), `look-${preset.id}-${id}`, 60).join(' '));
}
