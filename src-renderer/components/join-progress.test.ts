import { describe, expect, it } from 'vitest';
import { joinProgressWords } from './join-progress';

// The join screen's progress words: counts so far, the time left once it can be estimated, and the moment
// every record has arrived.

const T0 = Date.UTC(2026, 10, 20, 2, 0, 0);

describe('join progress words (issue 14 item 1)', () => {
  it('before the first page: the counts at zero and no estimate', () => {
    expect(joinProgressWords(undefined, 0, T0, 'zh-CN')).toEqual({
      title: '正在同步历史记录 0%',
      counts: '已收到 0 条记录，已整理 0 件案件',
      remaining: '正在估算剩余时间…',
      percent: 0,
    });
  });

  it('a quarter of the way after 10 s: about 30 s left, the numbers grouped', () => {
    const p = { received: 25_000, fromSeq: 0, seq: 25_000, latest: 100_000, startedAt: T0, caughtUp: false };
    expect(joinProgressWords(p, 4_321, T0 + 10_000, 'zh-CN')).toEqual({
      title: '正在同步历史记录 25%',
      counts: '已收到 25,000 条记录，已整理 4,321 件案件',
      remaining: '预计还需约 30 秒',
      percent: 25,
    });
    expect(joinProgressWords(p, 4_321, T0 + 10_000, 'en').remaining).toBe('About 30 s left');
    expect(joinProgressWords(p, 4_321, T0 + 10_000, 'en').title).toBe('Syncing history 25%');
  });

  it('a long way to go is said in minutes; a first page within a second gives no estimate yet', () => {
    const slow = { received: 1_000, fromSeq: 0, seq: 1_000, latest: 100_000, startedAt: T0, caughtUp: false };
    expect(joinProgressWords(slow, 0, T0 + 5_000, 'zh-CN').remaining).toBe('预计还需约 9 分钟');
    expect(joinProgressWords(slow, 0, T0 + 500, 'zh-CN').remaining).toBe('正在估算剩余时间…');
  });

  it('once the pull has caught up it says so, whatever the sequence says', () => {
    const p = { received: 500, fromSeq: 0, seq: 500, latest: 520, startedAt: T0, caughtUp: true };
    expect(joinProgressWords(p, 120, T0 + 2_000, 'zh-CN')).toEqual({
      title: '正在同步历史记录 100%',
      counts: '已收到 500 条记录，已整理 120 件案件',
      remaining: '记录已全部收到，正在整理案件…',
      percent: 100,
    });
  });
});
