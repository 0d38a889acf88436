import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

// Remembers where each window was (issue 6 "window state remembered"). A state that no longer fits any
// display (a monitor was unplugged) falls back to a centred default instead of opening off-screen.

export const windowStateSchema = z.strictObject({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(10_000),
  height: z.number().int().min(300).max(10_000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof windowStateSchema>;

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false };

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function loadWindowState(file: string, workAreas: readonly Rect[]): WindowState {
  let parsed: WindowState;
  try {
    const r = windowStateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!r.success) return DEFAULT_WINDOW_STATE;
    parsed = r.data;
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
  return fitsSomeDisplay(parsed, workAreas) ? parsed : { ...DEFAULT_WINDOW_STATE, maximized: parsed.maximized };
}

/** The window's title bar must be on a display, or the user cannot grab it. */
export function fitsSomeDisplay(state: WindowState, workAreas: readonly Rect[]): boolean {
  if (state.x === undefined || state.y === undefined) return true;
  const { x, y } = state;
  return workAreas.some((a) => x + 100 > a.x && x < a.x + a.width - 100 && y >= a.y && y < a.y + a.height - 50);
}

export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, file);
}
