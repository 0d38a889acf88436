import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ACTION_DEFS } from '../src-shared/domain/actions';
import { ACTION_SPECS } from '../src-renderer/features/case/action-specs';
import { CATALOGUE, type Namespace } from '../src-renderer/i18n/catalogue';

// Issue 11: every action a person can take on a case is proven by an end-to-end test that performs it as
// that person does. The list comes from the code, not from memory: every event of the domain's action table
// (src-shared/domain/actions.ts). An action of the case page's action bar (action-specs.ts) counts as
// performed when an e2e test presses its button and saves (`act(page, 'case.x', …)`, or a click on
// `act-case.x`); merely opening its dialog to read it (dialogWords) does not. The other actions are taken on
// their own screens; each is listed below with the control that saves it, which must exist in the desk's
// source and be pressed by an e2e test. A new action fails this test until someone walks it.

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    return d.isDirectory() ? files(p, pattern) : pattern.test(d.name) ? [p] : [];
  });
}

const e2e = files(join(ROOT, 'test/e2e'), /\.test\.ts$/)
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');
const desk = files(join(ROOT, 'src-renderer'), /^(?!.*\.test\.).*\.tsx?$/)
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');

/** Actions taken outside the action bar: the control in the desk that saves each, and how an e2e test presses it. */
const OWN_SCREENS: Record<string, { control: string; pressed: RegExp }> = {
  'case.attachment_added': { control: 'attach-save', pressed: /getByTestId\('attach-save'\)\.click\(\)/ },
  'case.attachment_withdrawn': { control: 'withdraw-ok', pressed: /getByTestId\('withdraw-ok'\)\.click\(\)/ },
  'case.signed': { control: 'sign-save', pressed: /getByTestId\('sign-save'\)\.click\(\)/ },
  'case.identity_viewed': { control: 'reveal-ok', pressed: /getByTestId\('reveal-ok'\)\.click\(\)/ },
  'case.document_printed': {
    control: 'preview-print',
    pressed: /getByRole\('button', \{ name: \/打\\s\*印\/ \}\)\.click\(\)|getByTestId\('preview-print'\)\.click\(\)/,
  },
  'case.reward_proposed': { control: 'ledger-submit-all', pressed: /getByTestId\('ledger-submit-all'\)\.click\(\)/ },
  'case.penalty_proposed': { control: 'ledger-submit-all', pressed: /getByTestId\('ledger-submit-all'\)\.click\(\)/ },
  'case.reward_decided': { control: 'decide-ok', pressed: /getByTestId\('decide-ok'\)\.click\(\)/ },
  'case.penalty_decided': { control: 'decide-ok', pressed: /getByTestId\('decide-ok'\)\.click\(\)/ },
};

/**
 * Actions of the action bar that another screen also takes, with its own dialog: each such dialog is walked
 * too (奖惩台账 → 登记费用 had none until issue 11's expense.test).
 */
const ALSO_ON: Record<string, { control: string; pressed: RegExp }> = {
  'case.expense_recorded': { control: 'expense-ok', pressed: /getByTestId\('expense-ok'\)\.click\(\)/ },
};

/** Event types whose action-bar button an e2e test presses and saves. */
function performedFromTheActionBar(): Set<string> {
  const done = new Set<string>();
  for (const m of e2e.matchAll(/\bact\(\w+, '(case\.[a-z_]+)'/g)) done.add(m[1]!);
  for (const m of e2e.matchAll(/getByTestId\('act-(case\.[a-z_]+)'\)\.click\(\)/g)) done.add(m[1]!);
  return done;
}

describe('every case action has an end-to-end test that performs it', () => {
  const events = Object.values(ACTION_DEFS).map((d) => d.event as string);
  const onTheBar = new Set(ACTION_SPECS.map((s) => s.type as string));
  const performed = performedFromTheActionBar();

  it('the action table and the desk agree on where each action is taken', () => {
    const nowhere = events.filter((e) => !onTheBar.has(e) && !OWN_SCREENS[e]);
    expect(nowhere, 'actions with neither a button on the case page nor a screen listed here').toEqual([]);
    const missingControls = [...Object.values(OWN_SCREENS), ...Object.values(ALSO_ON)].filter(
      (s) => !desk.includes(`'${s.control}'`) && !desk.includes(`"${s.control}"`),
    );
    expect(
      missingControls.map((s) => s.control),
      'controls listed here that the desk no longer has',
    ).toEqual([]);
  });

  it.each(events)('%s is performed in an e2e test', (event) => {
    if (onTheBar.has(event)) expect(performed.has(event), `no e2e test presses 「${event}」 on the case page and saves it`).toBe(true);
    else expect(OWN_SCREENS[event]!.pressed.test(e2e), `no e2e test presses ${OWN_SCREENS[event]!.control} for ${event}`).toBe(true);
    const other = ALSO_ON[event];
    if (other) expect(other.pressed.test(e2e), `no e2e test presses ${other.control}, where ${event} is also taken`).toBe(true);
  });
});

// Issue 11: every button and dialog of the desk, not only the case actions. 登记费用 went untested because
// the dialogs outside the action table were listed nowhere. So the list is read from the desk's source:
// every antd <Button> and every <FormDialog> (the desk's one dialog, components/FormDialog.tsx) in
// src-renderer, and every item of the case page's print menu. Each is named by its data-testid, else by the
// words on it (its message key, read in zh-CN); an e2e test counts as pressing it when it names that test id
// or those words. A new button or dialog fails here until an e2e test presses it, or it is listed below with
// the one-line reason it is covered otherwise.

const e2eAll = files(join(ROOT, 'test/e2e'), /\.ts$/)
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');

/** zh-CN messages of a key/value table (the first of a key wins: zh-CN comes before en). */
function table(src: string): Record<string, string> {
  return Object.fromEntries([...src.matchAll(/^\s*'?([\w.]+)'?: '([^']*)',?$/gm)].reverse().map((m) => [m[1]!, m[2]!]));
}

/** The desk catalogue's namespace a feature folder's screens speak (src-renderer/i18n/catalogue.ts). */
const FEATURE_NAMESPACES: Record<string, Namespace> = { analysis: 'analysis', ledger: 'ledger', 'policy-admin': 'policy', 'case/attachments': 'attachments' };

/** zh-CN messages a file shows: its feature's namespace (the deepest folder that has one) over the desk's, and the file's own. */
function messagesOf(file: string): Record<string, string> {
  const zh = CATALOGUE['zh-CN'] as Record<Namespace, Record<string, string>>;
  const features = join(ROOT, 'src-renderer/features/');
  const folder = file.startsWith(features) ? file.slice(features.length, file.lastIndexOf('/')) : '';
  const ns = Object.keys(FEATURE_NAMESPACES)
    .filter((f) => folder === f || folder.startsWith(`${f}/`))
    .sort((x, y) => y.length - x.length)[0];
  return { ...zh.desk, ...(ns ? zh[FEATURE_NAMESPACES[ns]!] : table(readFileSync(file, 'utf8'))) };
}

/** The JSX element starting at `at` (`<Button …>…</Button>` or self-closing): its opening tag and its children. */
function elementAt(src: string, at: number, tag: string): { open: string; children: string } {
  let depth = 0;
  let i = at;
  for (; i < src.length; i++) {
    const c = src[i];
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === '>' && depth === 0) break;
  }
  const open = src.slice(at, i + 1);
  if (open.endsWith('/>')) return { open, children: '' };
  return { open, children: src.slice(i + 1, src.indexOf(`</${tag}>`, i)) };
}

interface Control {
  /** file:line, for the message. */
  where: string;
  /** What names it here and in an e2e test: its test id (a prefix when the id is built), else its words. */
  id: string;
  testId?: string;
  words?: string;
  /** Other words that name it (a dialog's OK button). */
  also?: string;
}

/** The visible words of a message key, up to its first placeholder and without a trailing key hint (（F2）). */
function wordsOf(messages: Record<string, string>, key: string | undefined): string | undefined {
  const text = key ? messages[key] : undefined;
  return (
    text
      ?.split('{')[0]!
      .replace(/[（(][^）)]*[）)]?$/, '')
      .trim() || undefined
  );
}

function controlsOfTheDesk(): Control[] {
  const found: Control[] = [];
  const testIdIn = (s: string) =>
    s
      .match(/data-testid(?:'|")?[=:]\s*\{?\s*(?:'([^']+)'|"([^"]+)"|`([^`$]+))/)
      ?.slice(1)
      .find(Boolean);
  for (const file of files(join(ROOT, 'src-renderer'), /^(?!.*\.test\.).*\.tsx$/)) {
    const src = readFileSync(file, 'utf8');
    const messages = messagesOf(file);
    const line = (at: number) => `${file.slice(ROOT.length + 1)}:${src.slice(0, at).split('\n').length}`;
    for (const m of src.matchAll(/<Button\b/g)) {
      const { open, children } = elementAt(src, m.index, 'Button');
      // Its words: the message it shows (t('x'), text('x'), t(cond ? 'x' : 'y'); of busy ? text('joining') :
      // text('join') the last, its words at rest), else its aria-label's.
      const keys = [...children.matchAll(/\b(?:t|text)\((?:[^'()]*\? )?'([\w.]+)'/g)].map((k) => k[1]!);
      const words = wordsOf(messages, keys.at(-1) ?? open.match(/aria-label=\{t\('([\w.]+)'/)?.[1]);
      const testId = testIdIn(open);
      found.push({ where: line(m.index), id: testId ?? words ?? `${line(m.index)} (no test id, no words)`, testId, words });
    }
    for (const m of src.matchAll(/<FormDialog\b/g)) {
      const { open, children } = elementAt(src, m.index, 'FormDialog');
      const testId = testIdIn(open.match(/okButtonProps=\{\{[^}]*\}/)?.[0] ?? '');
      const title = wordsOf(messages, open.match(/title=\{[^}]*?\bt\('([\w.]+)'/)?.[1]);
      const okWords = wordsOf(messages, open.match(/okText=\{(?:okText \?\? )?t\('([\w.]+)'/)?.[1]);
      // Pressed when its OK button is (by its test id), else when a test names its title, its OK button's
      // words or a field of it (the test fills it, then saves by Ctrl+Enter or the button).
      const field = testIdIn(children);
      found.push({
        where: line(m.index),
        id: `dialog ${testId ?? field ?? title ?? okWords ?? line(m.index)}`,
        testId: testId ?? field,
        words: title,
        also: okWords,
      });
    }
  }
  // The case page's print menu: one item per case document (DocumentButtons.tsx).
  const buttons = join(ROOT, 'src-renderer/features/case/DocumentButtons.tsx');
  const documents = readFileSync(buttons, 'utf8').match(/CASE_DOCUMENTS: DocumentId\[\] = \[([^\]]*)\]/)![1]!;
  const messages = messagesOf(buttons);
  for (const d of documents.matchAll(/'(\w+)'/g)) found.push({ where: 'print menu', id: `打印 → ${messages[`doc.${d[1]}`]}`, words: messages[`doc.${d[1]}`] });
  return found;
}

function pressedInE2e(c: Control): boolean {
  if (c.where === 'print menu') {
    const chosen = [...e2eAll.matchAll(/\.ant-dropdown:visible'\)\.getByText\('([^']+)'/g)].map((m) => m[1]!);
    return chosen.some((w) => c.words!.includes(w)) || e2eAll.includes(`'${c.words}'`);
  }
  if (c.testId && (e2eAll.includes(`'${c.testId}`) || e2eAll.includes(`"${c.testId}`) || e2eAll.includes(`\`${c.testId}`))) return true;
  return [c.words, c.also].some((w) => !!w && e2eAll.includes(w));
}

/** Covered otherwise, with why (one line each). */
const COVERED_OTHERWISE: Record<string, string> = {
  'dialog attachment-viewer': 'a viewer with no OK: opened by attachment-thumb, its one button is viewer-download (dialog-focus.test, attachments.test)',
};

describe('every button and dialog of the desk is pressed in an e2e test', () => {
  const controls = controlsOfTheDesk();
  const ids = new Set(controls.map((c) => c.id));

  it("finds the desk's buttons and dialogs, and every exception here is one of them", () => {
    expect(controls.length).toBeGreaterThan(60);
    expect(
      controls.filter((c) => c.id.includes('(no test id, no words)')).map((c) => c.where),
      'buttons with neither a test id nor words',
    ).toEqual([]);
    expect(
      Object.keys(COVERED_OTHERWISE).filter((id) => !ids.has(id)),
      'exceptions the desk no longer has',
    ).toEqual([]);
  });

  it.each(controls.filter((c) => !COVERED_OTHERWISE[c.id]).map((c) => [c.id, c] as const))('%s is pressed in an e2e test', (id, c) => {
    expect(pressedInE2e(c), `no e2e test presses ${id} (${c.where})`).toBe(true);
  });
});
