import { zhCN, type MessageKey } from './zh-CN';
export const en: Record<MessageKey, string> = { ...zhCN };
