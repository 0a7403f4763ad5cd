// Vite: builds the web app into apps/web/dist (the server serves it); in development /api goes to the server.
import react from '@vitejs/plugin-react';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/**
 * A .gz beside every script and style sheet the build writes: the server sends it to a browser that
 * accepts gzip (@fastify/static's preCompressed), so a phone on 3G downloads about a third of the bytes.
 */
function gzipAssets(): Plugin {
  return {
    name: 'qinqing-gzip-assets',
    apply: 'build',
    // After every other plugin has finished the files (Vite fills in its preload lists last): the .gz must
    // hold exactly what is written beside it.
    enforce: 'post',
    writeBundle(options, bundle) {
      const dir = options.dir ?? 'dist';
      for (const file of Object.values(bundle)) {
        if (!/\.(js|css|svg)$/.test(file.fileName)) continue;
        const target = path.join(dir, file.fileName);
        fs.writeFileSync(`${target}.gz`, gzipSync(fs.readFileSync(target), { level: 9 }));
      }
    },
  };
}

/**
 * The phone page's first script starts its API requests and then imports the app (src/phone/boot.tsx):
 * its chunks are named in the page as modulepreload links, so they download alongside that first script
 * and not one round trip after it.
 */
function preloadPhoneApp(): Plugin {
  return {
    name: 'qinqing-preload-phone-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        if (!context.bundle || !context.filename.endsWith(path.join('m', 'index.html'))) return html;
        const chunks = Object.values(context.bundle).filter((file) => file.type === 'chunk');
        const boot = chunks.find((chunk) => chunk.facadeModuleId?.endsWith('/src/phone/boot.tsx'));
        if (!boot) return html;
        const files = new Set<string>();
        const visit = (fileName: string) => {
          if (files.has(fileName)) return;
          files.add(fileName);
          const chunk = chunks.find((candidate) => candidate.fileName === fileName);
          for (const imported of chunk?.imports ?? []) visit(imported);
        };
        visit(boot.fileName);
        return [...files]
          .filter((fileName) => !html.includes(`/${fileName}"`))
          .map((fileName) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `/${fileName}` },
            injectTo: 'head' as const,
          }));
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), preloadPhoneApp(), gzipAssets()],
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
      // Two pages: the admin app, and the enterprise contact's phone side (/m/, src/phone), which shares
      // only React with it so that a phone never downloads the admin's bundle.
      input: { main: 'index.html', phone: 'm/index.html' },
      // @qinqing/shared also holds the server's zod schemas; the web app uses only its plain constants and
      // functions, so its modules may be dropped when unused — and zod with them.
      treeshake: {
        moduleSideEffects: [{ test: /[\\/]packages[\\/]shared[\\/]src[\\/]/, sideEffects: false }],
      },
      output: {
        // The framework changes less often than the pages: its own chunk stays cached across releases.
        codeSplitting: {
          groups: [
            // React alone, shared by both pages: the phone side needs nothing else of the framework.
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            {
              name: 'framework',
              test: /[\\/]node_modules[\\/](react-router|@tanstack|i18next|react-i18next)[\\/]/,
            },
          ],
        },
      },
    },
  },
});
