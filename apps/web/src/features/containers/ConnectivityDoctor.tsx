import { Alert, Autocomplete, Badge, Button, Code, Group, NumberInput, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { DoctorResult } from '@porthole/shared/networks';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { CliHint } from '../../components/CliHint.tsx';
import { useEngine } from '../../lib/engine-status.tsx';
import { runDoctor } from '../../lib/docker/doctor.ts';
import { gated, useCan } from '../../lib/role.ts';

function StepRow({ label, step, detail }: { label: string; step?: DoctorResult['resolve']; detail?: string }) {
  if (!step) return null;
  const state = step.skipped && step.ok ? 'not needed' : step.skipped ? 'not run' : step.ok ? 'ok' : 'failed';
  return (
    <Table.Tr data-testid={`doctor-${label.toLowerCase()}`} data-ok={step.ok}>
      <Table.Td fw={600}>{label}</Table.Td>
      <Table.Td>
        <Badge color={state === 'ok' || state === 'not needed' ? 'green' : state === 'failed' ? 'red' : 'gray'} variant="light">
          {state}
        </Badge>
      </Table.Td>
      <Table.Td ff="monospace" fz="xs">
        {step.command ?? '—'}
      </Table.Td>
      <Table.Td ff="monospace" fz="xs">
        {detail ?? ''}
      </Table.Td>
    </Table.Tr>
  );
}

/** The connectivity doctor: from this container, resolve a target and open a TCP connection to it, with reasons when it fails. */
export function ConnectivityDoctor({
  containerId,
  containerName,
  suggestions,
}: {
  containerId: string;
  containerName: string;
  suggestions: string[];
}) {
  const doctor = useCan('container.doctor');
  const engine = useEngine();
  const [target, setTarget] = useState('');
  const [port, setPort] = useState<number | string>('');
  const parsed = (() => {
    const m = /^(.+):(\d{1,5})$/.exec(target.trim());
    return m && !target.includes('::')
      ? { target: m[1] as string, port: Number(m[2]) }
      : { target: target.trim(), port: typeof port === 'number' ? port : undefined };
  })();
  const mutation = useMutation({ mutationFn: () => runDoctor(engine, containerId, parsed) });
  const r = mutation.data;
  const command = `docker exec ${containerName} nslookup ${parsed.target || '<target>'}${parsed.port ? ` && docker exec ${containerName} nc -z -w 3 ${parsed.target || '<target>'} ${parsed.port}` : ''}`;
  return (
    <Paper withBorder p="md">
      <Title order={4} mb={4}>
        Connectivity doctor
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Runs inside <Code>{containerName}</Code> (with the tools its image has: getent or nslookup, nc or wget) and explains what is wrong.
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (parsed.target) mutation.mutate();
        }}
      >
        <Group align="flex-end">
          <Autocomplete
            label="Target"
            description="Container name, alias, host or host:port"
            placeholder="database"
            data={suggestions}
            value={target}
            onChange={setTarget}
            w={320}
          />
          <NumberInput
            label="TCP port"
            description="Optional"
            placeholder="5432"
            min={1}
            max={65535}
            value={port}
            onChange={setPort}
            w={140}
            allowDecimal={false}
          />
          <Button type="submit" loading={mutation.isPending} {...gated(doctor, !parsed.target)}>
            Run checks
          </Button>
        </Group>
      </form>
      <CliHint command={command} />
      {mutation.error && (
        <Alert color="red" role="alert" mt="sm" title="The doctor could not run">
          {mutation.error.message}
        </Alert>
      )}
      {r && (
        <Stack mt="md" gap="xs" data-testid="doctor-result" data-ok={r.ok}>
          <Group gap="xs">
            <Badge color={r.ok ? 'green' : 'red'} size="lg">
              {r.ok ? 'Reachable' : 'Not reachable'}
            </Badge>
            <Text size="sm">
              {r.source} → {r.target}
              {r.port ? `:${r.port}` : ''}
              {r.address && (
                <>
                  {' '}
                  resolves to <Code data-testid="doctor-address">{r.address}</Code>
                </>
              )}
              {r.commonNetworks.length > 0 && <> · common networks: {r.commonNetworks.join(', ')}</>}
            </Text>
          </Group>
          <Table aria-label="Doctor checks">
            <Table.Tbody>
              <StepRow label="Resolve" step={r.resolve} detail={r.address ?? r.resolve.output?.trim().split('\n').slice(-1)[0]} />
              <StepRow label="Connect" step={r.connect} detail={r.connect?.output?.trim()} />
            </Table.Tbody>
          </Table>
          {r.reasons.map((reason) => (
            <Alert key={reason.code} color={r.ok ? 'yellow' : 'red'} title="Why" data-reason={reason.code}>
              {reason.message}
            </Alert>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
