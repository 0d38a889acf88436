import type { PolicyInput } from '../../src-shared/domain/policy';

// The presets first run offers (src-shared/presets, one per regulation). Every preset module exports its
// policy as plain data; collecting them by shape keeps first run in step as presets are added.

const modules = import.meta.glob<Record<string, unknown>>(['../../src-shared/presets/*.ts', '!../../src-shared/presets/*.test.ts', '!../../src-shared/presets/*.fixtures.ts'], { eager: true });

function isPolicyInput(v: unknown): v is PolicyInput {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return typeof r.presetId === 'string' && typeof r.name === 'string' && Array.isArray(r.kinds) && Array.isArray(r.stages);
}

export function availablePresets(): PolicyInput[] {
  const found = new Map<string, PolicyInput>();
  for (const mod of Object.values(modules)) {
    for (const value of Object.values(mod)) {
      if (isPolicyInput(value) && !found.has(value.presetId)) found.set(value.presetId, value);
      if (Array.isArray(value)) for (const v of value) if (isPolicyInput(v) && !found.has(v.presetId)) found.set(v.presetId, v);
    }
  }
  return [...found.values()].sort((a, b) => a.presetId.localeCompare(b.presetId, 'en', { numeric: true }));
}
