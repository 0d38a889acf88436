import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ACTION_DEFS } from '../src-shared/domain/actions';
import { ACTION_SPECS } from '../src-renderer/features/case/action-specs';

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

const e2e = files(join(ROOT, 'test/e2e'), /\.test\.ts$/).map((f) => readFileSync(f, 'utf8')).join('\n');
const desk = files(join(ROOT, 'src-renderer'), /^(?!.*\.test\.).*\.tsx?$/).map((f) => readFileSync(f, 'utf8')).join('\n');

/** Actions taken outside the action bar: the control in the desk that saves each, and how an e2e test presses it. */
const OWN_SCREENS: Record<string, { control: string; pressed: RegExp }> = {
  'case.attachment_added': { control: 'attach-save', pressed: /getByTestId\('attach-save'\)\.click\(\)/ },
  'case.attachment_withdrawn': { control: 'withdraw-ok', pressed: /getByTestId\('withdraw-ok'\)\.click\(\)/ },
  'case.signed': { control: 'sign-save', pressed: /getByTestId\('sign-save'\)\.click\(\)/ },
  'case.identity_viewed': { control: 'reveal-ok', pressed: /getByTestId\('reveal-ok'\)\.click\(\)/ },
  'case.document_printed': { control: 'preview-print', pressed: /getByRole\('button', \{ name: \/打\\s\*印\/ \}\)\.click\(\)|getByTestId\('preview-print'\)\.click\(\)/ },
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
    const missingControls = [...Object.values(OWN_SCREENS), ...Object.values(ALSO_ON)].filter((s) => !desk.includes(`'${s.control}'`) && !desk.includes(`"${s.control}"`));
    expect(missingControls.map((s) => s.control), 'controls listed here that the desk no longer has').toEqual([]);
  });

  it.each(events)('%s is performed in an e2e test', (event) => {
    if (onTheBar.has(event)) expect(performed.has(event), `no e2e test presses 「${event}」 on the case page and saves it`).toBe(true);
    else expect(OWN_SCREENS[event]!.pressed.test(e2e), `no e2e test presses ${OWN_SCREENS[event]!.control} for ${event}`).toBe(true);
    const other = ALSO_ON[event];
    if (other) expect(other.pressed.test(e2e), `no e2e test presses ${other.control}, where ${event} is also taken`).toBe(true);
  });
});
