import { Alert, Anchor, Button, Checkbox, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { createRequest, validateRunSpec } from '@porthole/shared/run-create';
import { emptyRunSpec, type RunSpec } from '@porthole/shared/run-spec';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { useEngine } from '../../../lib/engine-status.tsx';
import { resourceKey } from '../../../lib/query-keys.ts';
import { createContainer, imageIsLocal, type PullProgress, pullForRun } from '../../../lib/docker/container-create.ts';
import { containerListQuery } from '../../../lib/docker/containers.ts';
import { ErrorSummary, FormSection } from './FormSection.tsx';
import { EnvSection, GeneralSection, LabelsSection } from './GeneralSection.tsx';
import { ResourcesSection, RestartHealthSection, SecuritySection } from './LimitsSection.tsx';
import { PastePanel } from './PastePanel.tsx';
import { RunPreview } from './RunPreview.tsx';
import { NetworksSection, PortsSection, StorageSection } from './WiringSection.tsx';
import { EngineLink, useEngineNavigate } from '../../../lib/engine-paths.tsx';
import { failureTitle } from '../../../lib/failure-title.ts';

export function CreateContainerPage() {
  const engine = useEngine();
  const client = useQueryClient();
  const navigate = useEngineNavigate();
  const location = useLocation();
  const pasted = (location.state as { paste?: string } | null)?.paste;
  const [spec, setSpec] = useState<RunSpec>(emptyRunSpec);
  const [submitted, setSubmitted] = useState(false);
  const [step, setStep] = useState('');
  const [pull, setPull] = useState<PullProgress | null>(null);
  const [createdId, setCreatedId] = useState<string | null>(null);
  const set = (patch: Partial<RunSpec>) => setSpec((s) => ({ ...s, ...patch }));
  const formRef = useRef<HTMLFormElement>(null);
  // A name in use is caught here, before anything is sent (the engine would refuse it after a pull).
  const existing = useQuery(containerListQuery(engine));
  const allErrors = useMemo(() => {
    const e = validateRunSpec(spec);
    const name = spec.name.trim().replace(/^\//, '');
    if (name && !e.name && existing.data?.some((c) => c.Names.some((n) => n.replace(/^\//, '') === name)))
      e.name = `A container named "${name}" already exists: pick another name, or rename or remove that one`;
    return e;
  }, [spec, existing.data]);
  // Until the first submit, an empty required field is not an error yet.
  const errors = submitted ? allErrors : Object.fromEntries(Object.entries(allErrors).filter(([k]) => k !== 'image'));
  const errorCount = Object.keys(allErrors).length;

  const create = useMutation({
    mutationFn: async () => {
      setCreatedId(null);
      const req = createRequest(spec);
      if (!(await imageIsLocal(engine, spec.image.trim()))) {
        setStep(`Pulling ${spec.image}`);
        await pullForRun(engine, spec.image.trim(), setPull);
      }
      return createContainer(engine, req, setStep, setCreatedId);
    },
    onSuccess: (id) => {
      void client.invalidateQueries({ queryKey: resourceKey(engine, 'containers') });
      navigate(`/containers/${id}`);
    },
    onSettled: () => setStep(''),
  });
  const props = { spec, set, errors };

  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Anchor component={EngineLink} to="/containers" size="sm">
            Containers
          </Anchor>
          <Title order={2}>New container</Title>
        </div>
      </Group>
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <form
            ref={formRef}
            onSubmit={(e) => {
              e.preventDefault();
              setSubmitted(true);
              if (errorCount === 0) create.mutate();
            }}
            noValidate
          >
            <Stack>
              <PastePanel initial={pasted} onFill={(s) => setSpec(s)} />
              <FormSection
                title="Image and command"
                spec={spec}
                keys={['image', 'name', 'command', 'entrypoint', 'workdir', 'hostname', 'interactive', 'tty']}
                open
              >
                <GeneralSection {...props} />
              </FormSection>
              <FormSection title="Environment" spec={spec} keys={['env']} open>
                <EnvSection {...props} />
              </FormSection>
              <FormSection title="Labels" spec={spec} keys={['labels']}>
                <LabelsSection {...props} />
              </FormSection>
              <FormSection title="Ports" spec={spec} keys={['ports', 'publishAll']} open>
                <PortsSection {...props} />
              </FormSection>
              <FormSection title="Storage" spec={spec} keys={['volumes', 'tmpfs']}>
                <StorageSection {...props} />
              </FormSection>
              <FormSection title="Networks" spec={spec} keys={['networks']}>
                <NetworksSection {...props} />
              </FormSection>
              <FormSection
                title="Resources"
                spec={spec}
                keys={[
                  'cpus',
                  'cpuShares',
                  'cpusetCpus',
                  'cpuPeriod',
                  'cpuQuota',
                  'memory',
                  'memoryReservation',
                  'memorySwap',
                  'memorySwappiness',
                  'oomKillDisable',
                  'pidsLimit',
                  'blkioWeight',
                  'deviceReadBps',
                  'deviceWriteBps',
                  'deviceReadIops',
                  'deviceWriteIops',
                ]}
              >
                <ResourcesSection {...props} />
              </FormSection>
              <FormSection
                title="Security"
                spec={spec}
                keys={['user', 'capAdd', 'capDrop', 'readOnly', 'noNewPrivileges', 'securityOpt', 'privileged']}
              >
                <SecuritySection {...props} />
              </FormSection>
              <FormSection title="Restart and health" spec={spec} keys={['restart', 'restartMaxRetries', 'health']}>
                <RestartHealthSection {...props} />
              </FormSection>
              <Paper withBorder p="md" radius="md">
                <Stack>
                  <Group>
                    <Checkbox label="Start after create" checked={spec.start} onChange={(e) => set({ start: e.currentTarget.checked })} />
                    <Checkbox
                      label="Remove when it exits (--rm)"
                      checked={spec.autoRemove}
                      onChange={(e) => set({ autoRemove: e.currentTarget.checked })}
                    />
                  </Group>
                  {submitted && errorCount > 0 && <ErrorSummary form={formRef} errorKeys={JSON.stringify(allErrors)} />}
                  {create.error && (
                    <Alert color="red" role="alert" title={failureTitle(create.error)}>
                      <Text size="sm" ff="monospace">
                        {create.error.message}
                      </Text>
                      {createdId && (
                        <Anchor component={EngineLink} to={`/containers/${createdId}`}>
                          The container was created: open it
                        </Anchor>
                      )}
                    </Alert>
                  )}
                  {create.isPending && (
                    <Text size="sm" role="status">
                      {step}…
                    </Text>
                  )}
                  {pull && create.isPending && (
                    <Paper withBorder p="xs" aria-label="Pull progress">
                      {Object.entries(pull.layers).map(([id, status]) => (
                        <Text key={id} size="xs" ff="monospace">
                          {id ? `${id}: ` : ''}
                          {status}
                        </Text>
                      ))}
                    </Paper>
                  )}
                  <Group>
                    <Button type="submit" loading={create.isPending}>
                      {spec.start ? 'Create and start' : 'Create'}
                    </Button>
                    <Button variant="default" onClick={() => setSpec(emptyRunSpec())}>
                      Reset
                    </Button>
                  </Group>
                </Stack>
              </Paper>
            </Stack>
          </form>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <div style={{ position: 'sticky', top: 68 }}>
            <RunPreview spec={spec} errors={errors} />
          </div>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
