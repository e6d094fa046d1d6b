import { Alert, Badge, Box, Button, Center, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Suspense, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { splitShellWords } from '@porthole/shared/shell-words';
import { CliHint } from '../../components/CliHint.tsx';
import { terminalUrl } from '../../lib/docker/exec.ts';
import { useEngine } from '../../lib/engine-status.tsx';
import { ContainerStreamHeader } from '../../components/StreamHeader.tsx';
import { gateContainerView } from '../../components/ContainerViewGate.tsx';
import type { TerminalStatus } from './XTerm.tsx';
import { lazyChunk } from '../../lib/lazy-chunk.ts';
import { containerInspectQuery, containerKeys } from '../../lib/docker/containers.ts';
import { runAction } from '../../lib/docker/container-lifecycle.ts';
import { gated, useCan } from '../../lib/role.ts';

const XTerm = lazyChunk(() => import('./XTerm.tsx'));

const STATUS_COLOR: Record<TerminalStatus, string> = { connecting: 'blue', open: 'green', closed: 'gray' };

const STATE_WORDS: Record<string, string> = { exited: 'has exited', created: 'has not been started', dead: 'is dead' };

/**
 * In place of the terminal while the container runs no processes to join (stopped, or paused): what
 * to do about it, and the button that does it. Once the container runs, the terminal connects.
 */
function NotRunning({ engine, id, name, paused, status }: { engine: string; id: string; name: string; paused: boolean; status: string }) {
  const client = useQueryClient();
  const act = useCan('container.act');
  const action = paused ? 'unpause' : 'start';
  const run = useMutation({
    mutationFn: () => runAction(engine, id, action),
    onSuccess: () => client.invalidateQueries({ queryKey: containerKeys.inspect(engine, id) }),
  });
  return (
    <Alert
      color="yellow"
      title={`${name} ${paused ? 'is paused' : (STATE_WORDS[status] ?? `is ${status}`)}`}
      data-testid="terminal-not-running"
    >
      <Stack gap="xs" align="flex-start">
        <Text size="sm">
          A terminal runs a shell inside the container, so the container must be running{paused ? ' and not paused' : ''}.{' '}
          {paused ? 'Unpause' : 'Start'} it and the terminal connects.
        </Text>
        <Button size="xs" loading={run.isPending} onClick={() => run.mutate()} {...gated(act)}>
          {paused ? 'Unpause' : 'Start'} {name}
        </Button>
        {run.error && (
          <Text size="sm" c="red" role="alert">
            {run.error.message}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

/** `/containers/:id/terminal`: an interactive shell via exec, in xterm.js. */
function TerminalPageView() {
  const { id = '' } = useParams();
  const engine = useEngine();
  const [params, setParams] = useSearchParams();
  const [form, setForm] = useState({
    cmd: params.get('cmd') ?? 'sh',
    user: params.get('user') ?? '',
    workdir: params.get('workdir') ?? '',
  });
  const [formError, setFormError] = useState<string | undefined>();
  /** The user and working-dir fields: empty is the image's default. */
  const optional = (label: string, key: 'user' | 'workdir', w: number) => (
    <TextInput
      label={label}
      size="xs"
      placeholder="default"
      value={form[key]}
      onChange={(e) => setForm({ ...form, [key]: e.currentTarget.value })}
      w={w}
    />
  );
  const [session, setSession] = useState(0);
  const [status, setStatus] = useState<{ s: TerminalStatus; message?: string }>({ s: 'connecting' });
  const cmd = params.get('cmd') ?? 'sh';
  const user = params.get('user') ?? '';
  const workdir = params.get('workdir') ?? '';
  const query = new URLSearchParams({ cmd, ...(user ? { user } : {}), ...(workdir ? { workdir } : {}), session: String(session) });
  const url = terminalUrl(engine, id, query);
  // The command line is split like a shell would (the server splits it the same way); one that
  // cannot be split is shown as an error instead of starting an exec.
  const words = splitShellWords(cmd);
  const connect = () => {
    const check = splitShellWords(form.cmd);
    if (!check.ok) return setFormError(check.error);
    setFormError(undefined);
    const next = new URLSearchParams();
    if (form.cmd && form.cmd !== 'sh') next.set('cmd', form.cmd);
    if (form.user) next.set('user', form.user);
    if (form.workdir) next.set('workdir', form.workdir);
    setParams(next, { replace: true });
    setSession((n) => n + 1);
  };
  // The exec waits for the container's state: a stopped one gets no session, only what to do about it.
  const inspected = useQuery(containerInspectQuery(engine, id));
  const inspect = inspected.data;
  const idle = inspect !== undefined && (!inspect.State.Running || inspect.State.Paused);
  const shown: TerminalStatus = words.ok && !idle ? status.s : 'closed';
  const cli = ['docker exec -it', user && `-u ${user}`, workdir && `-w ${workdir}`, id.slice(0, 12), cmd].filter(Boolean).join(' ');
  return (
    <Stack gap="xs" h="calc(100dvh - var(--app-shell-header-height, 56px) - 2 * var(--mantine-spacing-md))">
      <ContainerStreamHeader id={id} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          connect();
        }}
      >
        <Group gap="xs" align="flex-end">
          <TextInput
            label="Command"
            size="xs"
            value={form.cmd}
            onChange={(e) => {
              setForm({ ...form, cmd: e.currentTarget.value });
              setFormError(undefined);
            }}
            error={Boolean(formError)}
            aria-invalid={Boolean(formError)}
            aria-describedby={formError ? 'terminal-command-error' : undefined}
            w={320}
            ff="monospace"
          />
          {optional('User', 'user', 120)}
          {optional('Working dir', 'workdir', 160)}
          <Button type="submit" size="xs">
            {shown === 'closed' ? 'Reconnect' : 'Restart session'}
          </Button>
          <Badge color={STATUS_COLOR[shown]} variant="dot" role="status" aria-label={`Terminal ${shown}`}>
            {shown}
          </Badge>
          <CliHint command={cli} />
        </Group>
      </form>
      {formError && (
        <Alert color="red" py={6} role="alert" id="terminal-command-error" title="Invalid command">
          {formError}
        </Alert>
      )}
      {status.message && status.s === 'closed' && !idle && (
        <Alert color="gray" py={6} role="alert">
          {status.message}
        </Alert>
      )}
      <Box style={{ flex: 1, minHeight: 0 }} p={4} bg="var(--mantine-color-body)">
        <Suspense
          fallback={
            <Center p="xl">
              <Loader aria-label="Loading the terminal" />
            </Center>
          }
        >
          {inspected.isPending ? (
            <Center p="xl">
              <Loader aria-label="Loading the container's state" />
            </Center>
          ) : idle && inspect ? (
            <NotRunning
              engine={engine}
              id={id}
              name={inspect.Name.replace(/^\//, '')}
              paused={inspect.State.Paused}
              status={inspect.State.Status}
            />
          ) : words.ok ? (
            <XTerm key={url} url={url} onStatus={(s, message) => setStatus({ s, message })} />
          ) : (
            <Alert color="red" role="alert" title="This command cannot be run">
              {words.error}
            </Alert>
          )}
        </Suspense>
      </Box>
    </Stack>
  );
}

export const TerminalPage = gateContainerView('container.terminal', TerminalPageView);
