import { forwardRef, useCallback } from 'react';
import { Link, type LinkProps, type NavigateOptions, useMatch, useNavigate } from 'react-router';

/**
 * Per-engine URLs: every view lives under `/engines/:engine/…`; the few pages that belong to no
 * engine (sign-in, settings, the All engines page, users, audit) keep their own paths. Features
 * write plain view paths (`/containers/abc`) and link with `EngineLink` / `useEngineNavigate`,
 * which put the current engine in front.
 */
const GLOBAL_PATHS = ['/login', '/settings', '/engines', '/users', '/audit'];
const LAST_ENGINE_KEY = 'porthole.engine';
export const DEFAULT_ENGINE = 'local';

const isGlobal = (path: string) =>
  GLOBAL_PATHS.some((p) => path === p || path.startsWith(`${p}/`) || path.startsWith(`${p}?`) || path.startsWith(`${p}#`));

/** `/containers/x` on engine `e` → `/engines/e/containers/x`; global and relative paths stay as they are. */
export function enginePath(engine: string, path: string): string {
  if (!path.startsWith('/') || isGlobal(path)) return path;
  return `/engines/${encodeURIComponent(engine)}${path}`;
}

/** The view path inside an engine's URL (`/engines/e/containers/x?q` → `/containers/x?q`), or undefined. */
export function viewPathOf(pathname: string): string | undefined {
  const m = /^\/engines\/[^/]+(\/.*)?$/.exec(pathname);
  return m ? m[1] || '/' : undefined;
}

export function lastEngine(): string {
  try {
    return localStorage.getItem(LAST_ENGINE_KEY) || DEFAULT_ENGINE;
  } catch {
    return DEFAULT_ENGINE;
  }
}

export function rememberEngine(engine: string): void {
  try {
    localStorage.setItem(LAST_ENGINE_KEY, engine);
  } catch {
    // storage off: the default engine is used next time
  }
}

/** The engine in the URL (`/engines/:engine/…`), else the last one used. */
export function useUrlEngine(): string {
  const match = useMatch('/engines/:engine/*');
  const bare = useMatch('/engines/:engine');
  const engine = match?.params.engine ?? bare?.params.engine;
  return engine ? decodeURIComponent(engine) : lastEngine();
}

/** `(path) => enginePath(currentEngine, path)`. */
export function useEnginePath(): (path: string) => string {
  const engine = useUrlEngine();
  return (path) => enginePath(engine, path);
}

/** `navigate` that puts the current engine in front of view paths. */
export function useEngineNavigate(): (to: string | number, options?: NavigateOptions) => void {
  const navigate = useNavigate();
  const engine = useUrlEngine();
  return useCallback(
    (to, options) => {
      if (typeof to === 'number') void navigate(to);
      else void navigate(enginePath(engine, to), options);
    },
    [navigate, engine],
  );
}

/** A router `Link` whose string `to` is a view path of the current engine (usable as Mantine's `component`). */
export const EngineLink = forwardRef<HTMLAnchorElement, LinkProps>(function EngineLink({ to, ...rest }, ref) {
  const toPath = useEnginePath();
  return <Link ref={ref} to={typeof to === 'string' ? toPath(to) : to} {...rest} />;
});

/** Where switching to another engine leads: the same view there (a list, not one object of this engine). */
export function switchedPath(pathname: string, engine: string): string {
  const view = viewPathOf(pathname) ?? '/';
  const section = view.split('/')[1] ?? '';
  return enginePath(engine, `/${section}`);
}
