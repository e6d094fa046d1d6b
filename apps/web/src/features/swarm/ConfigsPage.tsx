import { useQuery } from '@tanstack/react-query';
import { configsQuery, removeConfig } from '../../lib/docker/swarm-configs.ts';
import { useEngine } from '../../lib/engine-status.tsx';
import { CreateConfigDialog, ViewConfigDialog } from './ConfigDialogs.tsx';
import { SwarmObjectsPage } from './SwarmObjectsPage.tsx';

/** `/swarm/configs`: configs with their labels and the services that mount them; create, view, remove. */
export function ConfigsPage() {
  const engine = useEngine();
  return (
    <SwarmObjectsPage
      kind="config"
      objects={useQuery(configsQuery(engine))}
      refs={(s) => (s.Spec.TaskTemplate.ContainerSpec.Configs ?? []).map((r) => r.ConfigID)}
      manage="config.manage"
      remove={removeConfig}
      empty='No configs yet. A config is a file (nginx.conf, app settings) the swarm mounts read-only into the tasks of a service: create one here, then pick it under "Configs" when you create a service.'
      create={(onClose) => <CreateConfigDialog engine={engine} onClose={onClose} />}
      view={(config, usedBy, onClose) => <ViewConfigDialog config={config} usedBy={usedBy} onClose={onClose} />}
    />
  );
}
