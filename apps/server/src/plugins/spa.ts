import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { sendError, UNAUTHORIZED_MESSAGE } from './auth.ts';
import { SpaIndex } from './spa-index.ts';

/** Build output under `assets/` carries a content hash in its name: a copy never goes stale. */
/** `/api` in any case, followed by a separator or an encoded one: never a page of the SPA. */
const API_PATH = /^\/api(?:$|[/\\;.]|%2f|%5c)/i;

export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (index.html, which names the current assets; the favicon) is revalidated on each use. */
export const REVALIDATE = 'no-cache';

export interface SpaOptions {
  /** The built SPA (`apps/web/dist`); nothing is served when it has no index.html. */
  webDist: string | undefined;
}

/**
 * The SPA's files, and the answer to every request no route matched.
 *
 * Files are sent as built: the web build writes a brotli and a gzip copy beside each text file
 * once, and the one the browser accepts is sent (`Accept-Encoding`, answered with `Vary`), so no
 * request costs compression work. index.html (at `/` and every view's URL) is served from memory
 * (`SpaIndex`). The files are public (the sign-in page is part of the SPA): the
 * policy table (`policy/route-policies.ts`) marks `GET /` and `GET /*` public; nothing else is.
 */
const spaPlugin: FastifyPluginAsync<SpaOptions> = async (app, opts) => {
  const root = opts.webDist && fs.existsSync(path.join(opts.webDist, 'index.html')) ? path.resolve(opts.webDist) : undefined;
  const assets = root && path.join(root, 'assets') + path.sep;
  const index = root ? new SpaIndex(root) : undefined;
  if (root) {
    await app.register(fastifyStatic, {
      root,
      // Files written after start (a rebuilt SPA) are served too.
      wildcard: true,
      index: false,
      preCompressed: true,
      // The build's own `.vite/` (its manifest) is not for browsers.
      dotfiles: 'ignore',
      // Set below, per file (send's own header would replace ours).
      cacheControl: false,
      setHeaders: (res, file) => {
        res.setHeader('cache-control', assets && file.startsWith(assets) ? IMMUTABLE : REVALIDATE);
        res.setHeader('vary', 'Accept-Encoding');
      },
    });
    app.get('/', (req, reply) => (index as SpaIndex).send(req, reply, REVALIDATE));
  }

  // Nothing matched (the static wildcard passes missing files on here too): a browser navigation
  // gets the SPA, whose router takes over (every view has a stable URL). Everything else gets an
  // error — 401 before sign-in, whatever the spelling (`/API/engines`, `/api;/engines`,
  // `/api%2Fengines`, `/api\engines`), so nothing about the route table is revealed.
  app.setNotFoundHandler((req, reply) => {
    const pathname = req.url.split('?')[0] as string;
    if (index && req.method === 'GET' && !API_PATH.test(pathname) && !pathname.startsWith('/assets/'))
      return index.send(req, reply, REVALIDATE);
    if (!app.authenticate(req.headers)) return sendError(reply, 401, UNAUTHORIZED_MESSAGE);
    return sendError(reply, 404, `No route ${req.method} ${pathname.slice(0, 200)}`);
  });
};

export default spaPlugin;
