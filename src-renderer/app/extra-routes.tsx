import type { ReactNode } from 'react';
import { analysisRoutes } from '../features/analysis/routes';

// Routes other features plug into the shell (the analysis helper fills this list with 统计分析 and its
// neighbours). The shell adds one navigation entry per route; `path` is the hash path, e.g. 'analysis'.

export interface ExtraRoute {
  path: string;
  /** Navigation label in both languages. */
  label: { 'zh-CN': string; en: string };
  icon?: ReactNode;
  render: () => ReactNode;
}

export const extraRoutes: ExtraRoute[] = [...analysisRoutes];
