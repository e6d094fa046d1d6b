import { Alert, Button, Group, Modal, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { CliHint } from '../../components/CliHint.tsx';
import { useEngine } from '../../lib/engine-status.tsx';
import { imageKeys, splitRef } from '../../lib/docker/images.ts';
import { LayerProgressList } from './LayerProgressList.tsx';
import { pushImage } from '../../lib/docker/image-streams.ts';
import { ProgressState, registryAuth } from '../../lib/docker/progress-stream.ts';

/** `docker push` of one tag with per-layer progress; credentials are for this push only. */
export function PushModal({ opened, onClose, tags }: { opened: boolean; onClose: () => void; tags: string[] }) {
  const engine = useEngine();
  const client = useQueryClient();
  const [ref, setRef] = useState<string | null>(tags[0] ?? null);
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [state, setState] = useState<ProgressState | null>(null);
  const [, bump] = useState(0);
  const [status, setStatus] = useState<'idle' | 'pushing' | 'done' | 'failed' | 'cancelled'>('idle');
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const { repo, tag } = splitRef(ref ?? '');

  const push = async () => {
    const s = new ProgressState();
    setState(s);
    setStatus('pushing');
    setError(null);
    const ctrl = new AbortController();
    abort.current = ctrl;
    // The engine wants an X-Registry-Auth header on push, even an empty one.
    const auth = registryAuth(user, password, repo.split('/')[0] ?? '') ?? btoa('{}');
    setPassword('');
    try {
      let last = 0;
      await pushImage(
        engine,
        repo,
        tag,
        auth,
        (_m, e) => {
          s.apply(e);
          if (performance.now() - last > 80) {
            last = performance.now();
            bump((n) => n + 1);
          }
        },
        ctrl.signal,
      );
      setStatus('done');
    } catch (err) {
      if (ctrl.signal.aborted) setStatus('cancelled');
      else {
        setError((err as Error).message);
        setStatus('failed');
      }
    } finally {
      abort.current = null;
      bump((n) => n + 1);
      void client.invalidateQueries({ queryKey: imageKeys.all(engine) });
    }
  };
  const close = () => {
    abort.current?.abort();
    setState(null);
    setStatus('idle');
    setError(null);
    setUser('');
    setPassword('');
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title="Push an image" size="xl">
      <Stack>
        <Select label="Tag to push" data={tags} value={ref} onChange={setRef} allowDeselect={false} />
        <Text size="xs" c="dimmed">
          The registry is the tag's first part (e.g. 127.0.0.1:5000/…); tag the image first to push it somewhere else.
        </Text>
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
        {state && <LayerProgressList state={state} label={`Pushing ${repo}:${tag}`} />}
        {status === 'done' && (
          <Alert color="green" title="Pushed" data-testid="push-done">
            {repo}:{tag} is in the registry.
          </Alert>
        )}
        {status === 'cancelled' && <Alert color="yellow">Push cancelled.</Alert>}
        {error && (
          <Alert color="red" role="alert" title="Push failed">
            {error}
          </Alert>
        )}
        <CliHint command={`docker push ${repo}:${tag}`} />
        <Group justify="flex-end">
          {status === 'pushing' ? (
            <Button color="red" variant="light" onClick={() => abort.current?.abort()}>
              Cancel push
            </Button>
          ) : (
            <Button variant="default" onClick={close}>
              Close
            </Button>
          )}
          <Button onClick={push} disabled={!ref || status === 'pushing'} loading={status === 'pushing'}>
            Push
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
