import { type ComponentType, Suspense } from 'react';
import type { RouteObject } from 'react-router';
import { PageLoader } from '../components/PageLoader.tsx';
import { importChunk, lazyChunk } from './lazy-chunk.ts';

export interface LazyRouteHandle {
  /** Starts fetching the page's chunk (the router does when the route matches the first URL). */
  preload: () => Promise<unknown>;
}

/**
 * A route whose page is a chunk of its own, fetched when the route is first shown (retried when
 * the network fails it: `importChunk`), with `PageLoader` in its place meanwhile:
 *
 *   { path: 'images', ...lazyPage(() => import('./ImagesPage.tsx').then((m) => m.ImagesPage)) }
 */
export function lazyPage(load: () => Promise<ComponentType>): Pick<RouteObject, 'element' | 'handle'> {
  const Page = lazyChunk(() => load().then((Component) => ({ default: Component })));
  const handle: LazyRouteHandle = { preload: () => importChunk(load) };
  return {
    element: (
      <Suspense fallback={<PageLoader />}>
        <Page />
      </Suspense>
    ),
    handle,
  };
}
