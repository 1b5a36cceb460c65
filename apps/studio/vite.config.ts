import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The dev server proxies API calls, so the studio and the API share an origin in development
// just as they do when the API serves the built studio under /studio.
const api = process.env.STUDIO_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  base: '/studio/',
  plugins: [react(), tailwindcss()],
  resolve: { conditions: ['@persona/source'] },
  // The manifest lets scripts/route-chunks.mjs measure what each route loads.
  build: { sourcemap: true, manifest: true },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: { '/v1': api, '/healthz': api, '/readyz': api, '/docs': api, '/admin': api },
  },
});
