import { Alert, Stack } from '@mantine/core';
import type { LogLevel } from '@porthole/shared/log-levels';
import { useCallback } from 'react';
import { useParams } from 'react-router';
import { useEngine } from '../../lib/engine-status.tsx';
import { logDownloadUrl } from '../../lib/docker/logs.ts';
import { ContainerStreamHeader } from '../../components/StreamHeader.tsx';
import { LogStatusLine } from './LogStatusLine.tsx';
import { LogToolbar, useLogSettings } from './LogToolbar.tsx';
import { LogView, useFollow } from './LogView.tsx';
import { containerLogsCli } from './log-cli.ts';
import { useContainerLogs } from './useContainerLogs.ts';
import { useLogEntries } from './useLogEntries.ts';
import { LevelChips } from './LevelChips.tsx';
import { useLogQuery, useMatchJump } from './useLogSearch.ts';
import './logs.css';

/** Fills the page below the app header (down to a small margin: the log gets the height). */
export const LOG_PAGE_HEIGHT =
  'calc(100dvh - var(--app-shell-header-height, 56px) - var(--mantine-spacing-md) - var(--mantine-spacing-xs))';

export function LogsPage() {
  const { id = '' } = useParams();
  const engine = useEngine();
  const [settings, update] = useLogSettings();
  const { query, highlight, searchError } = useLogQuery(settings);
  const follow = useFollow(JSON.stringify(query));
  const logs = useContainerLogs(engine, id, query);
  const { jump, nextMatch } = useMatchJump(logs.buffer, highlight);
  const q = settings.mode === 'filter' ? settings.q : '';
  const rows = useLogEntries(logs.buffer, logs.version, settings.levels);
  const setLevels = useCallback((levels: LogLevel[]) => update({ levels }), [update]);

  return (
    <Stack gap={0} h={LOG_PAGE_HEIGHT}>
      <ContainerStreamHeader id={id} />
      <LogToolbar
        settings={settings}
        update={update}
        searchError={searchError}
        onNextMatch={nextMatch}
        downloadUrl={logDownloadUrl(engine, id, { ...settings, q: q || undefined })}
      />
      <LogStatusLine follow={follow} status={logs} lines={logs.buffer.length} cli={containerLogsCli(id, settings, q)}>
        <LevelChips levels={settings.levels} counts={rows.counts} onChange={setLevels} />
      </LogStatusLine>
      {logs.error && (
        <Alert color="red" title="Could not read the log" mb="xs" role="alert">
          {logs.error}
        </Alert>
      )}
      <LogView
        log={logs}
        settings={settings}
        highlight={highlight}
        scrollRef={jump}
        follow={follow}
        rows={rows.identity ? undefined : rows}
      />
    </Stack>
  );
}
