import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import {
  mantineAppShellWithoutAsideOrFooter,
  mantineAppShellWithoutRemoveScroll,
  mantineComponentCss,
  mantineScrollAreaWithoutFloatingUi,
} from './vite/mantine.ts';
import { precompress } from './vite/precompress.ts';

const server = process.env.PORTHOLE_DEV_SERVER ?? 'http://127.0.0.1:8080';

/**
 * Libraries get chunks of their own, which stay cached across releases that only change Porthole's
 * code: those every view uses (React and its router, TanStack Query) are loaded with the shell;
 * the heavy ones (xterm, uPlot, React Flow, RE2) only by the routes that import them. Mantine is
 * not named: its components come with the views that render them, each with its stylesheet
 * (vite/mantine.ts), and the shell's with the shell.
 */
const VENDOR_CHUNKS: Array<[chunk: string, packages: RegExp]> = [
  ['vendor-react', /[\\/]node_modules[\\/](?:react|react-dom|scheduler|react-router|cookie|set-cookie-parser)[\\/]/],
  ['vendor-tanstack', /[\\/]node_modules[\\/]@tanstack[\\/](?:query-core|react-query)[\\/]/],
  ['vendor-xterm', /[\\/]node_modules[\\/]@xterm[\\/]/],
  ['vendor-uplot', /[\\/]node_modules[\\/]uplot[\\/]/],
  ['vendor-xyflow', /[\\/]node_modules[\\/](?:@xyflow[\\/]|d3-[a-z-]+[\\/]|zustand[\\/]|classcat[\\/])/],
  ['vendor-re2', /[\\/]node_modules[\\/]re2js[\\/]/],
];

export default defineConfig({
  plugins: [
    react(),
    mantineComponentCss(),
    mantineScrollAreaWithoutFloatingUi(),
    mantineAppShellWithoutRemoveScroll(),
    mantineAppShellWithoutAsideOrFooter(),
    precompress(),
  ],
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/api': { target: server, ws: true, changeOrigin: false } },
  },
  build: {
    sourcemap: false,
    // Every browser Porthole supports preloads modules itself.
    modulePreload: { polyfill: false },
    // dist/.vite/manifest.json: scripts/check-bundle.mjs measures each route's first load from it.
    manifest: true,
    rollupOptions: {
      output: {
        manualChunks: (id) => VENDOR_CHUNKS.find(([, packages]) => packages.test(id))?.[0],
      },
    },
  },
});
