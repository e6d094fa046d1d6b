import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { gzipAsync as zopfliGzip } from '@gfx/zopfli';
import type { Plugin } from 'vite';

const brotli = promisify(zlib.brotliCompress);

/** Text files worth compressing (images and fonts are compressed already). */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|map)$/;

async function* files(dir: string): AsyncGenerator<string> {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    // `.vite/` (the build manifest) is for tools, not browsers: the server does not serve dotfiles.
    if (entry.isDirectory() && !entry.name.startsWith('.')) yield* files(file);
    else if (entry.isFile() && COMPRESSIBLE.test(entry.name)) yield file;
  }
}

/**
 * Writes `<file>.br` (brotli, best quality) and `<file>.gz` beside every text file of the build,
 * once: the server sends the copy the browser accepts and compresses nothing per request. The
 * gzip copies are made with Zopfli, a slower deflate encoder whose output any gzip decoder reads
 * and which is ~4% smaller than zlib's best: build time is spent once, bytes on every load. A copy
 * that would not be smaller than the file is not written.
 */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'porthole:precompress',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const jobs: Promise<void>[] = [];
      for await (const file of files(outDir)) {
        jobs.push(
          (async () => {
            const body = await fs.readFile(file);
            const [br, gz] = await Promise.all([
              brotli(body, {
                params: {
                  [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
                  [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
                },
              }),
              zopfliGzip(body, { numiterations: 15, blocksplitting: false }),
            ]);
            if (br.length < body.length) await fs.writeFile(`${file}.br`, br);
            if (gz.length < body.length) await fs.writeFile(`${file}.gz`, gz);
          })(),
        );
      }
      await Promise.all(jobs);
    },
  };
}
