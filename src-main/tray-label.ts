// What the tray shows for the desk's warning and breached cases (issue 6 "tray icon with the count").

export interface TrayCounts {
  warning: number;
  breached: number;
}

export function trayTooltip(counts: TrayCounts, language: 'zh-CN' | 'en'): string {
  if (language === 'en') {
    if (counts.warning === 0 && counts.breached === 0) return 'Jiesu — no case near or past its deadline';
    return `Jiesu — ${counts.breached} overdue, ${counts.warning} due soon`;
  }
  if (counts.warning === 0 && counts.breached === 0) return '接诉台 — 没有临期或超时的案件';
  return `接诉台 — 超时 ${counts.breached} 件，临期 ${counts.warning} 件`;
}

/** The short text beside the tray icon (macOS) and in the window title: total needing attention. */
export function trayBadge(counts: TrayCounts): string {
  const total = counts.warning + counts.breached;
  return total === 0 ? '' : total > 99 ? '99+' : String(total);
}
