import type { PolicyInput } from '../src-shared/domain/policy';
import { presetById } from '../src-shared/presets/index';

// Where organisations get their first policy revision: the shared presets, one per regulation.
export type PresetLookup = (presetId: string) => PolicyInput | undefined;

export const defaultPresets: PresetLookup = (presetId) => presetById(presetId)?.policy;
