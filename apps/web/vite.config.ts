import { defineConfig } from 'vite';

// The console is built into dist/web, which the api serves at / (apps/api/src/http/web-console.ts).
// `npm run dev:web` serves it from here with /v1 proxied to a local api (PORT, 3000 by default).
export default defineConfig({
  root: __dirname,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: '../../dist/web', emptyOutDir: true, target: 'es2022', reportCompressedSize: true },
  server: {
    port: 5173,
    proxy: {
      '/v1': `http://127.0.0.1:${process.env.PORT ?? 3000}`,
      '/health': `http://127.0.0.1:${process.env.PORT ?? 3000}`,
    },
  },
});
