import { Alert, Group, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { LogSearch } from '@porthole/shared/logs';
import { useMemo, useRef } from 'react';
import { useParams } from 'react-router';
import { CliHint } from '../../components/CliHint.tsx';
import { useEngine } from '../../lib/engine-status.tsx';
import { logDownloadUrl } from './api.ts';
import { ContainerStreamHeader } from './ContainerStreamHeader.tsx';
import { LiveStateBadge } from './LiveStateBadge.tsx';
import { LogToolbar, useLogSettings } from './LogToolbar.tsx';
import { LogView } from './LogView.tsx';
import { searchRegex } from './search.ts';
import { useContainerLogs } from './useContainerLogs.ts';
import './logs.css';

/** `docker logs` for the CLI disclosure. */
function cliFor(id: string, s: { tail: number | 'all'; since: string; until: string; timestamps: boolean }, q: string) {
  const args = [
    'docker logs',
    s.until ? '' : '-f',
    s.tail === 'all' ? '' : `--tail ${s.tail}`,
    s.since && `--since ${s.since}`,
    s.until && `--until ${s.until}`,
    s.timestamps ? '-t' : '',
    id.slice(0, 12),
  ];
  return args.filter(Boolean).join(' ') + (q ? ` 2>&1 | grep -E '${q.replace(/'/g, "'\\''")}'` : '');
}

export function useSearch(q: string, regex: boolean, caseSensitive: boolean) {
  const search: LogSearch | undefined = q ? { pattern: q, regex, caseSensitive } : undefined;
  let highlight: RegExp | undefined;
  let error: string | undefined;
  try {
    highlight = searchRegex(search, 'g');
  } catch (err) {
    error = (err as Error).message;
  }
  return { search: error ? undefined : search, highlight, error };
}

export function LogsPage() {
  const { id = '' } = useParams();
  const engine = useEngine();
  const [settings, update] = useLogSettings();
  const { search, highlight, error: searchError } = useSearch(settings.q, settings.regex, settings.caseSensitive);
  const [filterSearch] = useDebouncedValue(settings.mode === 'filter' ? search : undefined, 300);
  const query = useMemo(
    () => ({ tail: settings.tail, since: settings.since || undefined, until: settings.until || undefined, filter: filterSearch }),
    [settings.tail, settings.since, settings.until, filterSearch],
  );
  const logs = useContainerLogs(engine, id, query);
  const jump = useRef<(i: number) => void>(undefined);
  const cursor = useRef(-1);

  const nextMatch = (backwards: boolean) => {
    if (!highlight) return;
    const texts = logs.buffer.texts;
    const re = new RegExp(highlight.source, highlight.flags.replace('g', ''));
    const n = texts.length;
    for (let k = 1; k <= n; k++) {
      const i = (((cursor.current + (backwards ? -k : k)) % n) + n) % n;
      if (re.test(texts[i] as string)) {
        cursor.current = i;
        jump.current?.(i);
        return;
      }
    }
  };

  return (
    <Stack gap={0} h="calc(100dvh - var(--app-shell-header-height, 56px) - 2 * var(--mantine-spacing-md))">
      <ContainerStreamHeader id={id} />
      <LogToolbar
        settings={settings}
        update={update}
        searchError={searchError}
        onNextMatch={nextMatch}
        downloadUrl={logDownloadUrl(engine, id, { ...settings, q: settings.mode === 'filter' ? settings.q : undefined })}
      />
      <Group gap="sm" mb={6}>
        <LiveStateBadge
          state={logs.phase === 'done' ? 'done' : logs.phase === 'loading' ? 'connecting' : logs.upstream}
          message={logs.message}
          label="following"
        />
        <Text size="xs" c="dimmed" data-testid="line-count">
          {logs.buffer.length.toLocaleString()} lines{logs.phase === 'loading' ? ' · loading…' : ''}
        </Text>
        {logs.skipped > 0 && (
          <Text size="xs" c="orange">
            {logs.skipped.toLocaleString()} lines skipped (the browser fell behind)
          </Text>
        )}
        <CliHint command={cliFor(id, settings, settings.mode === 'filter' ? settings.q : '')} />
      </Group>
      {logs.error && (
        <Alert color="red" title="Could not read the log" mb="xs" role="alert">
          {logs.error}
        </Alert>
      )}
      <LogView
        buffer={logs.buffer}
        version={logs.version}
        highlight={highlight}
        wrap={settings.wrap}
        timestamps={settings.timestamps}
        onLoadOlder={logs.loadOlder}
        loadingOlder={logs.loadingOlder}
        scrollRef={jump}
      />
    </Stack>
  );
}
