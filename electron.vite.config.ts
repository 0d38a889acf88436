import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { rendererCodeSplitting } from './renderer-chunks.config';

// Main and preload are bundled for Node; the sandboxed preload must be CommonJS (Electron cannot load an
// ESM preload in a sandboxed renderer).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(__dirname, 'src-main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-main/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [react()],
    // `zod` resolves to a wrapper that turns off its eval-based fast path first (see src-shared/zod-csp.ts).
    resolve: { alias: [{ find: /^zod$/, replacement: resolve(__dirname, 'src-shared/zod-csp.ts') }] },
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') }, output: { codeSplitting: rendererCodeSplitting } },
    },
  },
});
