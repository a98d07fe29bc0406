/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const server = 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': server,
      '/healthz': server,
    },
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  test: {
    // happy-dom, not jsdom: the same 201 tests in about half the CPU time (Ant Design's CSS-in-JS and
    // Testing Library's role queries are much cheaper there). src/test/setup.ts makes it look like the
    // jsdom the tests were written against where that matters (no animation events, stubbed matchMedia).
    environment: 'happy-dom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    // Ant Design tables and modals are slow to render in jsdom.
    // Generous ceilings: a test on a busy machine (several builds at once) must not fail for time alone.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
