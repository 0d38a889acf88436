import { PRESETS, type PresetEntry } from '../../src-shared/presets';

// The presets first run offers: one per regulation, plus the starter (src-shared/presets).
export function availablePresets(): readonly PresetEntry[] {
  return PRESETS;
}
