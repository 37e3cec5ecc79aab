import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const GATEWAY = process.env['FRM_GATEWAY_URL'] ?? 'http://127.0.0.1:8080';

// Built into dist/ and served by the gateway at `/`: hashed files under /assets (cached as
// immutable), index.html as the fallback of every board URL. `vite` alone (the dev server) sends
// the gRPC-web calls on to a running gateway, so the board stays same-origin as in production.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: { proxy: { '^/frm\\.v1\\.': { target: GATEWAY } } },
});
