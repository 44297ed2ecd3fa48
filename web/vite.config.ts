// The dashboard build: web/ → dist/web, served by `aispm serve` at `/`. `npx vite --config web/vite.config.ts` runs a
// dev server that forwards /api to a local `aispm serve` (port 8080).
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // the graph explorer (cytoscape) is its own chunk, loaded when the view opens
    chunkSizeWarningLimit: 700,
    reportCompressedSize: false,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
