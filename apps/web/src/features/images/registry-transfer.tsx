import { Alert, Button, Group, PasswordInput, TextInput } from '@mantine/core';
import type { PullEvent } from '@porthole/shared/images';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { CliHint } from '../../components/CliHint.tsx';
import { imageKeys } from '../../lib/docker/images.ts';
import { ProgressState, registryAuth } from '../../lib/docker/progress-stream.ts';
import { settleAbortable } from '../../lib/abortable.ts';
import { useEngine } from '../../lib/engine-status.tsx';
import { LayerProgressList } from './LayerProgressList.tsx';

type Status = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';
type Transfer = (auth: string | undefined, onEvent: (e: PullEvent | undefined) => void, signal: AbortSignal) => Promise<void>;

/**
 * A pull or push: registry credentials (sent with this transfer only, forgotten when it starts),
 * per-layer progress redrawn at most every 80 ms, cancel, and the image list refreshed after.
 */
export function useRegistryTransfer() {
  const engine = useEngine();
  const client = useQueryClient();
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [state, setState] = useState<ProgressState | null>(null);
  const [, bump] = useState(0);
  const [status, setStatus] = useState<Status>('idle');
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  const run = async (registry: string, transfer: Transfer) => {
    const s = new ProgressState();
    setState(s);
    setError(null);
    setStatus('running');
    const ctrl = new AbortController();
    abort.current = ctrl;
    const auth = registryAuth(user, password, registry);
    setPassword('');
    let last = 0;
    const onEvent = (e: PullEvent | undefined) => {
      s.apply(e);
      if (performance.now() - last > 80) {
        last = performance.now();
        bump((n) => n + 1);
      }
    };
    const end = await settleAbortable(ctrl.signal, () => transfer(auth, onEvent, ctrl.signal));
    if (end.status === 'failed') setError(end.error);
    setStatus(end.status);
    abort.current = null;
    bump((n) => n + 1);
    void client.invalidateQueries({ queryKey: imageKeys.all(engine) });
  };
  const reset = () => {
    abort.current?.abort();
    setState(null);
    setStatus('idle');
    setError(null);
    setUser('');
    setPassword('');
  };
  /** A modal's close: the transfer is cancelled and forgotten, then `onClose`. */
  const close = (onClose: () => void) => () => {
    reset();
    onClose();
  };
  return { engine, user, setUser, password, setPassword, state, status, error, run, reset, close, cancel: () => abort.current?.abort() };
}

export type RegistryTransfer = ReturnType<typeof useRegistryTransfer>;

export function RegistryCredentials({ t }: { t: RegistryTransfer }) {
  return (
    <Group grow>
      <TextInput
        label="Registry username (optional)"
        value={t.user}
        onChange={(e) => t.setUser(e.currentTarget.value)}
        autoComplete="off"
      />
      <PasswordInput
        label="Registry password or token (optional)"
        value={t.password}
        onChange={(e) => t.setPassword(e.currentTarget.value)}
        autoComplete="off"
      />
    </Group>
  );
}

/** Progress, the outcome, the CLI, and Close / Cancel / the action. */
export function TransferStatus(props: {
  t: RegistryTransfer;
  verb: 'Pull' | 'Push';
  image: string;
  done: { testId: string; title: string; text: string };
  canStart: boolean;
  onStart: () => void;
  onClose: () => void;
}) {
  const { t, verb } = props;
  const noun = verb.toLowerCase();
  return (
    <>
      {t.state && <LayerProgressList state={t.state} label={`${verb === 'Pull' ? 'Pulling' : 'Pushing'} ${props.image}`} />}
      {t.status === 'done' && (
        <Alert color="green" title={props.done.title} data-testid={props.done.testId}>
          {props.done.text}
        </Alert>
      )}
      {t.status === 'cancelled' && <Alert color="yellow">{verb} cancelled.</Alert>}
      {t.error && (
        <Alert color="red" role="alert" title={`${verb} failed`}>
          {t.error}
        </Alert>
      )}
      <CliHint command={`docker ${noun} ${props.image}`} />
      <Group justify="flex-end">
        {t.status === 'running' ? (
          <Button color="red" variant="light" onClick={t.cancel}>
            Cancel {noun}
          </Button>
        ) : (
          <Button variant="default" onClick={props.onClose}>
            Close
          </Button>
        )}
        <Button onClick={props.onStart} disabled={!props.canStart || t.status === 'running'} loading={t.status === 'running'}>
          {verb}
        </Button>
      </Group>
    </>
  );
}
