import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { medianMs, report } from './lib';
import { buildRegistration, buildSummary } from '../src-main/documents/builders';
import { createDocumentHandlers } from '../src-main/documents/handlers';
import { createPdfService, registerExtraFont } from '../src-main/documents/pdf-service';
import { parseDocumentInput } from '../src-main/documents/input';
import { PRESETS, cst, policyFor, realisticCase } from '../test/documents/fixtures';

// Registration form cold (first document of the process, font loading included) and warm, and the
// 2,000-case summary, each beside the same layout set in pdfmake's bundled Latin font (Roboto) in this run.
// Targets (issue 4): warm ≤ 150 ms, cold ≤ 1.5 s, summary of 2,000 cases ≤ 3 s.

const require = createRequire(import.meta.url);
const robotoDir = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
registerExtraFont(
  'Roboto',
  { normal: 'bench/Roboto-Regular.ttf', bold: 'bench/Roboto-Medium.ttf' },
  {
    normal: readFileSync(join(robotoDir, 'Roboto-Regular.ttf')),
    bold: readFileSync(join(robotoDir, 'Roboto-Medium.ttf')),
  },
);

const pdf = createPdfService();
const latin = (def: TDocumentDefinitions): TDocumentDefinitions => ({ ...def, defaultStyle: { ...def.defaultStyle, font: 'Roboto' } });

const property = PRESETS.find((p) => p.id === 's7-property')!;
const pc = realisticCase(property);
const registration = parseDocumentInput(
  'registration',
  JSON.parse(JSON.stringify({ organisation: pc.organisation, policy: pc.policy, staffNames: pc.staffNames, case: pc.state, events: pc.events })),
);

/**
 * CPU time per run (user + system of this process). On a shared two-core machine the wall-clock median
 * swings with other people's load; CPU time shows what one document costs by itself.
 */
async function cpuMsPerRun(fn: () => Promise<unknown>, runs: number): Promise<number> {
  const c0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) await fn();
  const c = process.cpuUsage(c0);
  return Number(((c.user + c.system) / 1000 / runs).toFixed(1));
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

// Cold: the Latin baseline first (it also pays pdfmake's own first-use costs), then the CJK form.
const coldLatin = await timed(() => pdf.render(latin(buildRegistration(registration))));
const coldCjk = await timed(() => pdf.render(buildRegistration(registration)));
report({
  bench: 'documents.registration.cold',
  figure: Number(coldCjk.toFixed(1)),
  unit: 'ms',
  baseline: Number(coldLatin.toFixed(1)),
  baselineLabel: 'same form in Roboto (pdfmake built-in), first document',
  ratio: coldLatin / coldCjk,
  target: '≤ 1500 ms',
  meetsTarget: coldCjk <= 1500,
  extra: { loadAverage: Number(loadavg()[0]!.toFixed(1)) },
});

const warmCjk = await medianMs(() => pdf.render(buildRegistration(registration)), 15);
const warmLatin = await medianMs(() => pdf.render(latin(buildRegistration(registration))), 15);
const handlers = createDocumentHandlers({ archiveRoot: '/nonexistent' });
const raw = JSON.parse(
  JSON.stringify({ organisation: pc.organisation, policy: pc.policy, staffNames: pc.staffNames, case: pc.state, events: pc.events }),
) as Record<string, unknown>;
const warmHandler = await medianMs(() => handlers['documents.render']({ document: 'registration', data: raw }), 9);
const bytes = (await pdf.render(buildRegistration(registration))).bytes.length;
report({
  bench: 'documents.registration.warm',
  figure: Number(warmCjk.toFixed(1)),
  unit: 'ms',
  baseline: Number(warmLatin.toFixed(1)),
  baselineLabel: 'same form in Roboto (pdfmake built-in)',
  ratio: warmLatin / warmCjk,
  target: '≤ 150 ms',
  meetsTarget: warmCjk <= 150,
  extra: {
    handlerWithValidationMs: Number(warmHandler.toFixed(1)),
    cpuMs: await cpuMsPerRun(() => pdf.render(buildRegistration(registration)), 10),
    baselineCpuMs: await cpuMsPerRun(() => pdf.render(latin(buildRegistration(registration))), 10),
    pdfBytes: bytes,
    loadAverage: Number(loadavg()[0]!.toFixed(1)),
  },
});

// Summary of 2,000 cases through the handler path's parsing, figures (src-shared/analytics) and layout.
const policy = policyFor(property);
const base = realisticCase(property, { signed: false }).state;
const routed = policy.categories.filter((c) => c.departmentId);
const cases = Array.from({ length: 2000 }, (_, i) => {
  const at = cst(2026, 11, 1 + (i % 30), 8) + (i % 97) * 300_000;
  const cat = routed[i % routed.length]!;
  return {
    ...base,
    id: `c${i}`,
    number: `HZ01-202611${String(1 + (i % 30)).padStart(2, '0')}-${String(i).padStart(4, '0')}`,
    kind: policy.kinds[i % policy.kinds.length]!.code,
    category: cat.code,
    departmentId: cat.departmentId,
    receivedAt: at,
    registeredAt: at + 60_000,
  };
});
const summaryData = JSON.parse(
  JSON.stringify({
    organisation: pc.organisation,
    policy,
    staffNames: {},
    period: { label: '2026年11月', from: cst(2026, 11, 1), to: cst(2026, 12, 1) },
    cases,
  }),
) as Record<string, unknown>;
let pages = 0;
const summaryCjk = await medianMs(async () => {
  pages = (await handlers['documents.render']({ document: 'summary', data: summaryData })).pages;
}, 3);
const summaryLatin = await medianMs(() => pdf.render(latin(buildSummary(parseDocumentInput('summary', summaryData)))), 3);
report({
  bench: 'documents.summary.2000cases',
  figure: Number(summaryCjk.toFixed(1)),
  unit: 'ms',
  baseline: Number(summaryLatin.toFixed(1)),
  baselineLabel: 'same summary in Roboto (pdfmake built-in)',
  ratio: summaryLatin / summaryCjk,
  target: '≤ 3000 ms',
  meetsTarget: summaryCjk <= 3000,
  extra: {
    pages,
    cpuMs: await cpuMsPerRun(() => handlers['documents.render']({ document: 'summary', data: summaryData }), 2),
    baselineCpuMs: await cpuMsPerRun(() => pdf.render(latin(buildSummary(parseDocumentInput('summary', summaryData)))), 2),
    loadAverage: Number(loadavg()[0]!.toFixed(1)),
  },
});
