import { config } from 'zod/v4/core';

// zod probes `new Function('')` the first time an object schema is *built* (at module load), to pick its
// JIT parser. Under the desk's CSP (no 'unsafe-eval') that probe is refused and reported as a violation.
// The renderer builds alias `zod` to this module, so `jitless` is set before any schema module runs.
config({ jitless: true });

export * from 'zod/v4';
export { default } from 'zod/v4';
