import { EngineStatusProvider } from '../lib/engine-status.tsx';
import { LiveProvider } from '../lib/live-context.tsx';
import { Layout } from './Layout.tsx';

/** What exists only while signed in: the live socket and the engine's event stream. */
export function SignedInApp() {
  return (
    <LiveProvider>
      <EngineStatusProvider engine="local">
        <Layout />
      </EngineStatusProvider>
    </LiveProvider>
  );
}
