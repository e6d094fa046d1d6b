import { Button, Code, Group, NumberInput, Select, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { removeService, secretsQuery, type SwarmService, updateService } from '../../lib/docker/swarm.ts';
import { useEngine } from '../../lib/engine-status.tsx';
import { gated, useCan } from '../../lib/role.ts';
import { ActionDialog } from './ActionDialog.tsx';
import { desiredReplicas, serviceMode, shortImage } from './service-format.ts';

type Kind = 'scale' | 'image' | 'rollback' | 'secret' | 'remove';

/** Scale, update the image, roll back, attach a secret, remove: each a `docker service …` command. */
export function ServiceActions({ service, compact }: { service: SwarmService; compact?: boolean }) {
  const [kind, setKind] = useState<Kind | null>(null);
  const can = useCan('swarm.service');
  const size = compact ? 'compact-xs' : 'xs';
  const name = service.Spec.Name;
  return (
    <Group gap={4} wrap={compact ? 'nowrap' : 'wrap'}>
      {serviceMode(service) === 'replicated' && (
        <Button size={size} variant="default" aria-label={`Scale ${name}`} {...gated(can)} onClick={() => setKind('scale')}>
          Scale
        </Button>
      )}
      {!compact && (
        <>
          <Button size={size} variant="default" {...gated(can)} onClick={() => setKind('image')}>
            Update image
          </Button>
          <Button size={size} variant="default" {...gated(can, !service.PreviousSpec)} onClick={() => setKind('rollback')}>
            Roll back
          </Button>
          <Button size={size} variant="default" {...gated(can)} onClick={() => setKind('secret')}>
            Attach secret
          </Button>
        </>
      )}
      <Button
        size={size}
        variant="light"
        color="red"
        aria-label={`Remove service ${name}`}
        {...gated(can)}
        onClick={() => setKind('remove')}
      >
        Remove
      </Button>
      {kind && <ServiceActionDialog kind={kind} service={service} onClose={() => setKind(null)} />}
    </Group>
  );
}

function ServiceActionDialog({ kind, service, onClose }: { kind: Kind; service: SwarmService; onClose: () => void }) {
  const engine = useEngine();
  const name = service.Spec.Name;
  const spec = service.Spec;
  const cs = spec.TaskTemplate.ContainerSpec;
  const [replicas, setReplicas] = useState(desiredReplicas(service));
  const [image, setImage] = useState(shortImage(cs.Image));
  const [secretId, setSecretId] = useState<string | null>(null);
  const secrets = useQuery({ ...secretsQuery(engine), enabled: kind === 'secret' });
  const secret = secrets.data?.find((s) => s.ID === secretId);
  const withContainer = (patch: Partial<typeof cs>) => ({
    ...spec,
    TaskTemplate: { ...spec.TaskTemplate, ContainerSpec: { ...cs, ...patch } },
  });
  const common = { onClose, title: '', command: '', confirmLabel: '' };
  if (kind === 'scale')
    return (
      <ActionDialog
        {...common}
        title={`Scale ${name}`}
        command={`docker service scale ${name}=${replicas}`}
        confirmLabel="Scale"
        action={() => updateService(engine, service, { ...spec, Mode: { Replicated: { Replicas: replicas } } })}
      >
        <NumberInput label="Replicas" min={0} value={replicas} onChange={(v) => setReplicas(Number(v) || 0)} />
      </ActionDialog>
    );
  if (kind === 'image')
    return (
      <ActionDialog
        {...common}
        title={`Update the image of ${name}`}
        command={`docker service update --image ${image} ${name}`}
        confirmLabel="Update"
        disabled={!image.trim()}
        action={() => updateService(engine, service, withContainer({ Image: image.trim() }))}
      >
        <TextInput label="Image" value={image} onChange={(e) => setImage(e.currentTarget.value)} />
        <Text size="xs" c="dimmed">
          Tasks are replaced one batch at a time (the service's update config); progress shows on the service page.
        </Text>
      </ActionDialog>
    );
  if (kind === 'rollback')
    return (
      <ActionDialog
        {...common}
        title={`Roll back ${name}?`}
        command={`docker service rollback ${name}`}
        confirmLabel="Roll back"
        action={() => updateService(engine, service, service.PreviousSpec ?? spec, true)}
      >
        <Text size="sm">
          Back to <Code>{shortImage(service.PreviousSpec?.TaskTemplate.ContainerSpec.Image ?? '')}</Code>, the spec before the last update.
        </Text>
      </ActionDialog>
    );
  if (kind === 'secret')
    return (
      <ActionDialog
        {...common}
        title={`Attach a secret to ${name}`}
        command={`docker service update --secret-add ${secret?.Spec.Name ?? '<secret>'} ${name}`}
        confirmLabel="Attach"
        disabled={!secret}
        action={() =>
          updateService(
            engine,
            service,
            withContainer({
              Secrets: [
                ...(cs.Secrets ?? []),
                ...(secret
                  ? [
                      {
                        SecretID: secret.ID,
                        SecretName: secret.Spec.Name,
                        File: { Name: secret.Spec.Name, UID: '0', GID: '0', Mode: 0o444 },
                      },
                    ]
                  : []),
              ],
            }),
          )
        }
      >
        <Select
          label="Secret"
          placeholder={secrets.isPending ? 'Loading…' : 'Choose a secret'}
          data={(secrets.data ?? [])
            .filter((s) => !cs.Secrets?.some((a) => a.SecretID === s.ID))
            .map((s) => ({ value: s.ID, label: s.Spec.Name }))}
          value={secretId}
          onChange={setSecretId}
        />
        <Text size="xs" c="dimmed">
          The tasks are replaced; each reads it at /run/secrets/{secret?.Spec.Name ?? '<name>'}.
        </Text>
      </ActionDialog>
    );
  return (
    <ActionDialog
      {...common}
      danger
      title={`Remove service ${name}?`}
      command={`docker service rm ${name}`}
      confirmLabel={`Remove ${name}`}
      action={() => removeService(engine, service.ID)}
    >
      <Text size="sm">
        Every task of <Code>{name}</Code> is stopped and removed.
      </Text>
    </ActionDialog>
  );
}
