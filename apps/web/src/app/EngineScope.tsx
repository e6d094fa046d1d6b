import { useQuery } from '@tanstack/react-query';
import { Suspense, useEffect } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { enginePath, lastEngine, rememberEngine, useUrlEngine } from '../lib/engine-paths.tsx';
import { enginesQuery } from '../lib/engines.ts';
import { LazyNotice } from './Layout.tsx';

/** An old or engine-less view path (`/containers?q=x`) → the same view on the last engine used. */
export function ToLastEngine() {
  const { pathname, search, hash } = useLocation();
  return <Navigate to={`${enginePath(lastEngine(), pathname)}${search}${hash}`} replace />;
}

/** The views of one engine (`/engines/:engine/…`): remembers the engine, says so when it does not exist. */
export function EngineScope() {
  const engine = useUrlEngine();
  const engines = useQuery(enginesQuery());
  const known = engines.data?.some((e) => e.id === engine);
  useEffect(() => {
    if (known) rememberEngine(engine);
  }, [engine, known]);
  if (engines.data && !known) {
    return (
      <Suspense>
        <LazyNotice kind="unknown-engine" engine={engine} />
      </Suspense>
    );
  }
  return <Outlet />;
}
