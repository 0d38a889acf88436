import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { rendererCodeSplitting } from './renderer-chunks.config';

// The renderer alone, for the browser shell (`npm run build:web`, `npm run start:web`): the same input as
// electron.vite.config.ts's renderer section, written to dist-web/.
export default defineConfig({
  root: resolve(import.meta.dirname, 'src-renderer'),
  base: '/',
  plugins: [react()],
  // `zod` resolves to a wrapper that turns off its eval-based fast path first (see src-shared/zod-csp.ts).
  resolve: { alias: [{ find: /^zod$/, replacement: resolve(import.meta.dirname, 'src-shared/zod-csp.ts') }] },
  logLevel: 'warn',
  build: {
    outDir: resolve(import.meta.dirname, 'dist-web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 8000,
    rollupOptions: { input: { index: resolve(import.meta.dirname, 'src-renderer/index.html') }, output: { codeSplitting: rendererCodeSplitting } },
  },
});
