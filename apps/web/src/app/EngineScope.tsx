import { Alert, Anchor } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { enginePath, lastEngine, rememberEngine, useUrlEngine } from '../lib/engine-paths.tsx';
import { enginesQuery } from '../lib/engines.ts';

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
      <Alert color="red" title={`Unknown engine "${engine}"`} role="alert">
        Porthole has no engine with this id.{' '}
        <Anchor component={Link} to="/engines">
          See all engines
        </Anchor>
        .
      </Alert>
    );
  }
  return <Outlet />;
}
