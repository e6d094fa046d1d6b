import { Alert, Button, Group, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { CliHint } from '../../components/CliHint.tsx';
import { useEngine } from '../../lib/engine-status.tsx';
import { imageKeys, splitRef } from '../../lib/docker/images.ts';
import { LayerProgressList } from './LayerProgressList.tsx';
import { pullImage } from '../../lib/docker/image-streams.ts';
import { ProgressState, registryAuth } from '../../lib/docker/progress-stream.ts';

/**
 * `docker pull` with a bar per layer and overall, cancellable. Credentials go in the request's
 * X-Registry-Auth header only: they are not kept after the modal closes.
 */
export function PullModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const engine = useEngine();
  const client = useQueryClient();
  const [ref, setRef] = useState('');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [state, setState] = useState<ProgressState | null>(null);
  const [, bump] = useState(0);
  const [status, setStatus] = useState<'idle' | 'pulling' | 'done' | 'failed' | 'cancelled'>('idle');
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const { repo, tag } = splitRef(ref.trim());

  const pull = async () => {
    const s = new ProgressState();
    setState(s);
    setError(null);
    setStatus('pulling');
    const ctrl = new AbortController();
    abort.current = ctrl;
    const auth = registryAuth(user, password, repo.split('/')[0] ?? '');
    setPassword('');
    try {
      let last = 0;
      await pullImage(
        engine,
        ref.trim(),
        (e) => {
          s.apply(e);
          const now = performance.now();
          if (now - last > 80) {
            last = now;
            bump((n) => n + 1);
          }
        },
        { auth, signal: ctrl.signal },
      );
      setStatus('done');
    } catch (err) {
      if (ctrl.signal.aborted) setStatus('cancelled');
      else {
        setError((err as Error).message);
        setStatus('failed');
      }
    } finally {
      bump((n) => n + 1);
      abort.current = null;
      void client.invalidateQueries({ queryKey: imageKeys.all(engine) });
    }
  };

  const close = () => {
    abort.current?.abort();
    setStatus('idle');
    setState(null);
    setUser('');
    setPassword('');
    setError(null);
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title="Pull an image" size="xl">
      <Stack>
        <TextInput
          label="Image"
          description="repository[:tag], e.g. 127.0.0.1:5000/team/app:1.0"
          value={ref}
          onChange={(e) => setRef(e.currentTarget.value)}
          disabled={status === 'pulling'}
          data-autofocus
        />
        <Group grow>
          <TextInput
            label="Registry username (optional)"
            value={user}
            onChange={(e) => setUser(e.currentTarget.value)}
            autoComplete="off"
          />
          <PasswordInput
            label="Registry password or token (optional)"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            autoComplete="off"
          />
        </Group>
        <Text size="xs" c="dimmed">
          Credentials are sent with this pull only and are never stored.
        </Text>
        {state && <LayerProgressList state={state} label={`Pulling ${repo}:${tag}`} />}
        {status === 'done' && (
          <Alert color="green" title="Pulled" data-testid="pull-done">
            {repo}:{tag} is on the engine.
          </Alert>
        )}
        {status === 'cancelled' && <Alert color="yellow">Pull cancelled.</Alert>}
        {error && (
          <Alert color="red" role="alert" title="Pull failed">
            {error}
          </Alert>
        )}
        <CliHint command={`docker pull ${repo}:${tag}`} />
        <Group justify="flex-end">
          {status === 'pulling' ? (
            <Button color="red" variant="light" onClick={() => abort.current?.abort()}>
              Cancel pull
            </Button>
          ) : (
            <Button variant="default" onClick={close}>
              Close
            </Button>
          )}
          <Button onClick={pull} disabled={!ref.trim() || status === 'pulling'} loading={status === 'pulling'}>
            Pull
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
