import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The config is run from the repository root (`vite --config admin-ui/vite.config.ts`), so the root
// is pinned to this folder rather than taken from the working directory.
const root = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/admin-ui',
    emptyOutDir: true,
    sourcemap: false,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
