import { useEffect, useState } from 'react';
import { List, Typography } from 'antd';
import type { DeskDatabase } from '../data/database';
import type { RefusedDoc } from '../data/refused-store';
import { eventName } from '../data/domain';
import type { EventType } from '../../src-shared/domain/events';
import type { ConfigKind } from '../../src-shared/sync/contract';
import { formatDateTime } from '../format/time';
import type { Language } from '../i18n/i18n';

// What the status bar's 「N 条未能同步」 opens: each record the server refused, in the clerk's words — which
// case and which step, or which piece of configuration — with the server's own reason, so the clerk can tell
// the administrator exactly what stayed on this desk (issue 10 item 1).

const CONFIG_WORDS: Record<ConfigKind, { 'zh-CN': string; en: string }> = {
  organisation: { 'zh-CN': '单位信息', en: 'Organisation' },
  site: { 'zh-CN': '场所信息', en: 'Site' },
  desk: { 'zh-CN': '接诉台信息', en: 'Desk' },
  staff: { 'zh-CN': '人员信息', en: 'Staff member' },
  policy: { 'zh-CN': '制度', en: 'Policy' },
  survey: { 'zh-CN': '场所调查', en: 'Site survey' },
  duty: { 'zh-CN': '值守记录', en: 'Duty mark' },
};

const TEXT = {
  'zh-CN': {
    unknownRecord: '一条记录',
    caseStep: '案件 {number}：{step}',
    revision: '第 {n} 版',
  },
  en: {
    unknownRecord: 'A record',
    caseStep: 'Case {number}: {step}',
    revision: 'revision {n}',
  },
} satisfies Record<Language, Record<string, string>>;

/** The words for one refused record: the case and the step for an event, the kind for configuration. */
export async function describeRefused(db: DeskDatabase, doc: RefusedDoc, lang: Language): Promise<string> {
  const text = TEXT[lang];
  if (!doc.id) return text.unknownRecord;
  if (doc.collection === 'config' || /^[a-z]+:/.test(doc.id)) {
    const [kind, , revision] = doc.id.split(':');
    const words = CONFIG_WORDS[kind as ConfigKind];
    if (!words) return text.unknownRecord;
    return kind === 'policy' && revision ? `${words[lang]} ${text.revision.replace('{n}', revision)}` : words[lang];
  }
  const event = await db.events.findOne(doc.id).exec();
  if (!event) return text.unknownRecord;
  const caseDoc = await db.cases.findOne(event.caseId).exec();
  return text.caseStep.replace('{number}', caseDoc?.number ?? '—').replace('{step}', eventName(event.type as EventType, lang));
}

export function RefusedList({ db, docs, lang }: { db: DeskDatabase; docs: readonly RefusedDoc[]; lang: Language }) {
  const [words, setWords] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    void Promise.all(docs.map((d) => describeRefused(db, d, lang).catch(() => TEXT[lang].unknownRecord))).then((w) => live && setWords(w));
    return () => {
      live = false;
    };
  }, [db, docs, lang]);
  // Newest first: the clerk looks for what just happened.
  const rows = docs.map((doc, i) => ({ doc, what: words[i] ?? '…' })).reverse();
  return (
    <div style={{ maxWidth: 460 }} data-testid="sync-refused-list">
      <List
        size="small"
        style={{ maxHeight: 320, overflowY: 'auto' }}
        dataSource={rows}
        renderItem={({ doc, what }) => (
          <List.Item data-testid="sync-refused-item">
            <List.Item.Meta
              title={
                <span>
                  {what}
                  {doc.at ? (
                    <Typography.Text type="secondary" style={{ marginLeft: 8, fontWeight: 'normal' }}>
                      {formatDateTime(doc.at)}
                    </Typography.Text>
                  ) : null}
                </span>
              }
              description={doc.message[lang]}
            />
          </List.Item>
        )}
      />
    </div>
  );
}
