/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Settings for running inside the Tauri shell (see src-tauri/tauri.conf.json):
// a fixed dev-server port, no screen clearing so Rust output stays visible,
// and a build target that the system WebView (WebKitGTK / WKWebView) supports.
export default defineConfig(({ mode }) => ({
  plugins: [svelte()],
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
  },
  preview: {
    port: 4173,
    strictPort: true,
  },
  envPrefix: ['VITE_', 'TAURI_'],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: ['safari15', 'es2021'],
    sourcemap: false,
  },
  // Component tests mount Svelte in jsdom, which needs Svelte's browser build
  // (the default resolution picks its server build under Node).
  resolve: mode === 'test' ? { conditions: ['browser'] } : undefined,
  test: {
    include: ['src/**/*.test.ts'],
    // Pure helpers run in Node; a component test opts into jsdom with a
    // `// @vitest-environment jsdom` first line.
    environment: 'node',
  },
}));
