import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The config is run from the repository root (`vite --config admin-ui/vite.config.ts`), so the root
// is pinned to this folder rather than taken from the working directory.
const root = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default defineConfig({
  root,
  base: '/',
  plugins: [
    react(),
    {
      // In development, as the server does in production: /signing/<id> is the signing window.
      name: 'beh-signing-window',
      configureServer(server) {
        server.middlewares.use((req, _res, next) => {
          if (req.url && /^\/signing\/[^/.]+\/?(\?.*)?$/.test(req.url)) req.url = '/signing.html';
          next();
        });
      },
    },
  ],
  build: {
    outDir: '../dist/admin-ui',
    emptyOutDir: true,
    sourcemap: false,
    // The signing window (/signing/:requestId) is a page of its own, outside the react-admin bundle.
    rolldownOptions: { input: { main: `${root}index.html`, signing: `${root}signing.html` } },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
