// Vite: builds the web app into apps/web/dist (the server serves it); in development /api goes to the server.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    // Keep the browser's Host header: the server accepts state-changing requests only from its own origin.
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // ECharts (about 500 kB) is its own chunk, loaded only by the pages that draw charts.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      // @qinqing/shared also holds the server's zod schemas; the web app uses only its plain constants and
      // functions, so its modules may be dropped when unused — and zod with them.
      treeshake: {
        moduleSideEffects: [{ test: /[\\/]packages[\\/]shared[\\/]src[\\/]/, sideEffects: false }],
      },
      output: {
        // The framework changes less often than the pages: its own chunk stays cached across releases.
        codeSplitting: {
          groups: [
            {
              name: 'framework',
              test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack|i18next|react-i18next)[\\/]/,
            },
          ],
        },
      },
    },
  },
});
