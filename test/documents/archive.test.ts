import { describe, expect, it } from 'vitest';
import { EVENT_ZH } from '../../src-main/documents/describe-event';
import { PRESETS, realisticCase } from './fixtures';
import { caseData, render, signatureImages } from './render';
import { compact } from './pdf-tools';

// 案件档案 of a realistic case of every preset, and a long one.

describe('case archive (案件档案)', () => {
  for (const preset of PRESETS) {
    it(`S1-13 S4-11 X-5 ${preset.id}: every event, the materials and evidence lists, result and rectification`, async () => {
      const pc = realisticCase(preset);
      const r = await render('archive', caseData(pc), `archive-${preset.id}`);
      for (const s of ['案件档案', '案件概况', '处理过程记录', '书面材料清单', '调查证据清单', '调查与答复', '处理结果', '整改与评价', '签名记录'])
        expect(r.flat).toContain(s);
      expect(r.flat).toContain(`处理过程记录（共${pc.events.length}条）`);
      for (const e of pc.events) expect(r.flat).toContain(EVENT_ZH[e.type]);
      const evidence = pc.events.flatMap((e) => (e.type === 'case.investigated' ? e.payload.evidence : []));
      for (const ev of evidence) expect(r.flat).toContain(compact(ev));
      for (const m of pc.state.materials) expect(r.flat).toContain(compact(m.title));
      expect(r.flat).toContain(compact(pc.state.result!.text));
      expect(r.flat).toContain(compact(pc.state.result!.rectification!));
      expect(r.flat).toContain(pc.receiverName);
      expect(r.flat).toContain(pc.complainantName);
      // All six signatures of the case are on file in the archive.
      expect(signatureImages(r.images)).toHaveLength(pc.state.signatures.length);
    });
  }

  it('X-5 a 300-event archive pages across sheets without losing a row', async () => {
    const pc = realisticCase(PRESETS[0]!, { extraNotes: 300 - 21 });
    expect(pc.events).toHaveLength(300);
    const r = await render('archive', caseData(pc), 'archive-300-events');
    expect(r.pages).toBeGreaterThan(5);
    expect(r.flat).toContain('处理过程记录（共300条）');
    const notes = r.text.match(/跟进记录第\d{4}条/g) ?? [];
    expect(new Set(notes).size).toBe(279);
    expect(notes).toHaveLength(279);
    // The timeline's 序号 column runs 1…300 with no gap.
    for (let i = 1; i <= 300; i++) expect(r.text).toMatch(new RegExp(`(^|\\n)${i}\\n`));
    expect(r.flat).toContain(`第${r.pages}页共${r.pages}页`);
  });

  it('a minimal case archive prints its one event and 无 for empty lists', async () => {
    const pc = realisticCase(PRESETS[0]!, { minimal: true });
    const r = await render('archive', caseData(pc), 'archive-minimal');
    expect(r.flat).toContain('处理过程记录（共1条）');
    expect(r.flat).toContain('无');
  });
});
