import { Alert, Anchor, Button, Checkbox, Grid, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { createRequest, validateRunSpec } from '@porthole/shared/run-create';
import { emptyRunSpec, type RunSpec } from '@porthole/shared/run-spec';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useMemo, useState } from 'react';
import { useLocation } from 'react-router';
import { useEngine } from '../../../lib/engine-status.tsx';
import { resourceKey } from '../../../lib/query-keys.ts';
import { createContainer, imageIsLocal, type PullProgress, pullForRun } from '../../../lib/docker/container-create.ts';
import { EnvSection, GeneralSection, LabelsSection } from './GeneralSection.tsx';
import { ResourcesSection, RestartHealthSection, SecuritySection } from './LimitsSection.tsx';
import { PastePanel } from './PastePanel.tsx';
import { RunPreview } from './RunPreview.tsx';
import { NetworksSection, PortsSection, StorageSection } from './WiringSection.tsx';
import { EngineLink, useEngineNavigate } from '../../../lib/engine-paths.tsx';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title}>
      <Title order={4} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

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
  const allErrors = useMemo(() => validateRunSpec(spec), [spec]);
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
            onSubmit={(e) => {
              e.preventDefault();
              setSubmitted(true);
              if (errorCount === 0) create.mutate();
            }}
            noValidate
          >
            <Stack>
              <PastePanel initial={pasted} onFill={(s) => setSpec(s)} />
              <Section title="Image and command">
                <GeneralSection {...props} />
              </Section>
              <Section title="Environment">
                <EnvSection {...props} />
              </Section>
              <Section title="Labels">
                <LabelsSection {...props} />
              </Section>
              <Section title="Ports">
                <PortsSection {...props} />
              </Section>
              <Section title="Storage">
                <StorageSection {...props} />
              </Section>
              <Section title="Networks">
                <NetworksSection {...props} />
              </Section>
              <Section title="Resources">
                <ResourcesSection {...props} />
              </Section>
              <Section title="Security">
                <SecuritySection {...props} />
              </Section>
              <Section title="Restart and health">
                <RestartHealthSection {...props} />
              </Section>
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
                  {submitted && errorCount > 0 && (
                    <Alert color="red" role="alert" title={`${errorCount} field${errorCount > 1 ? 's' : ''} to fix`}>
                      <List size="sm">
                        {Object.entries(allErrors).map(([k, v]) => (
                          <List.Item key={k}>
                            {k}: {v}
                          </List.Item>
                        ))}
                      </List>
                    </Alert>
                  )}
                  {create.error && (
                    <Alert color="red" role="alert" title="The engine refused">
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
            <RunPreview spec={spec} />
          </div>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
