import { Suspense } from 'react';
import { ContainerHeaderFallback, ContainerHeaderSlot } from '../components/StreamHeader.tsx';
import { useUrlEngine } from '../lib/engine-paths.tsx';
import { EngineStatusProvider } from '../lib/engine-status.tsx';
import { lazyChunk } from '../lib/lazy-chunk.ts';
import { LiveProvider } from '../lib/live-context.tsx';
import { Layout } from './Layout.tsx';

// Through lazyChunk like every lazy chunk: a plain React.lazy keeps a failed fetch forever (a style
// sheet cut by a network change left every container view on "This view could not be loaded").
const ContainerHeader = lazyChunk(() =>
  import('../features/containers/ContainerStreamHeader.tsx').then((m) => ({ default: m.ContainerStreamHeader })),
);

/** The containers feature's header for the live views of a container (see `components/StreamHeader.tsx`). */
function ContainerStreamHeader({ id }: { id: string }) {
  return (
    <Suspense fallback={<ContainerHeaderFallback id={id} />}>
      <ContainerHeader id={id} />
    </Suspense>
  );
}

/** What exists only while signed in: the live socket, the current engine's event stream (the engine in the URL, else the last one used), the container header of live views. */
export function SignedInApp() {
  const engine = useUrlEngine();
  return (
    <LiveProvider>
      <EngineStatusProvider engine={engine}>
        <ContainerHeaderSlot.Provider value={ContainerStreamHeader}>
          <Layout />
        </ContainerHeaderSlot.Provider>
      </EngineStatusProvider>
    </LiveProvider>
  );
}
