import { Alert, Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { useEngine } from '../../lib/engine-status.tsx';
import { type ContainerSummary, containerListQuery, containerName } from '../../lib/docker/containers.ts';
import type { FollowStatus } from './follow-container-log.ts';
import type { LogBuffer } from './log-buffer.ts';
import { LOG_PAGE_HEIGHT } from './LogsPage.tsx';
import { LogStatusLine } from './LogStatusLine.tsx';
import { LogToolbar, useLogSettings } from './LogToolbar.tsx';
import { LogView, useFollow } from './LogView.tsx';
import { mergedLogsCli } from './log-cli.ts';
import type { MergedSource } from './merged-log.ts';
import { SourcePicker } from './SourcePicker.tsx';
import { useLogQuery, useMatchJump } from './useLogSearch.ts';
import { useMergedLogs } from './useMergedLogs.ts';
import './logs.css';
import { EngineLink } from '../../lib/engine-paths.tsx';

export const COMPOSE_PROJECT = 'com.docker.compose.project';

const splitList = (v: string | null) => [...new Set((v ?? '').split(',').map((s) => s.trim()))].filter(Boolean);

/**
 * The state of the whole view, over the containers that can be read: following while any of them
 * is (the chips tell which are not, and why).
 */
function overall(sources: MergedSource[]): Pick<FollowStatus, 'phase' | 'upstream' | 'message' | 'skipped'> {
  const ok = sources.filter((s) => !s.status.error);
  const waiting = ok.filter((s) => s.status.phase === 'live' && s.status.upstream !== 'live');
  const any = (u: FollowStatus['upstream']) => ok.some((s) => s.status.upstream === u);
  return {
    phase: ok.some((s) => s.status.phase === 'loading')
      ? 'loading'
      : ok.length > 0 && ok.every((s) => s.status.phase === 'done')
        ? 'done'
        : 'live',
    upstream: any('connecting') ? 'connecting' : any('live') ? 'live' : 'reconnecting',
    message: waiting.map((s) => `${s.container}: ${s.status.message ?? s.status.upstream}`).join('; ') || undefined,
    skipped: sources.reduce((n, s) => n + s.status.skipped, 0),
  };
}

/** The merged log as a text file, built from the lines held (the range and filter shown). */
function download(buffer: LogBuffer, names: string[], timestamps: boolean) {
  const out: string[] = [];
  for (let i = 0; i < buffer.length; i++) {
    const name = names[(buffer.sources[i] ?? 1) - 1] ?? '';
    out.push(`${name} | ${timestamps ? `${buffer.times[i]} ` : ''}${buffer.texts[i]}\n`);
  }
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob(out, { type: 'text/plain' }));
  a.download = `merged-logs-${new Date().toISOString().replace(/[:.]/g, '-')}.log`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/**
 * `/logs?containers=a,b` or `/logs?project=<compose project>`: the logs of several containers
 * interleaved by timestamp, a colour per container. The URL holds the selection.
 */
export function MergedLogsPage() {
  const engine = useEngine();
  const [params, setParams] = useSearchParams();
  const [settings, update] = useLogSettings();
  const list = useQuery(containerListQuery(engine));
  const project = params.get('project') ?? '';
  const all = list.data ?? [];
  const inProject = project
    ? all
        .filter((c) => c.Labels[COMPOSE_PROJECT] === project)
        .map(containerName)
        .sort()
    : [];
  const selection = [...new Set([...inProject, ...splitList(params.get('containers'))])];

  const { query, highlight, searchError } = useLogQuery(settings);
  const follow = useFollow(JSON.stringify(query));
  const logs = useMergedLogs(engine, project && list.isPending ? [] : selection, query);
  const { jump, nextMatch } = useMatchJump(logs.buffer, highlight);

  const byRef = (ref: string): ContainerSummary | undefined =>
    all.find((c) => containerName(c) === ref) ?? (ref.length >= 4 ? all.find((c) => c.Id.startsWith(ref)) : undefined);
  const nameOf = (ref: string) => (byRef(ref) ? containerName(byRef(ref) as ContainerSummary) : ref);
  const names: string[] = [];
  for (const s of logs.sources) names[s.source - 1] = nameOf(s.container);
  const ordered = selection.flatMap((ref) => logs.sources.filter((s) => s.container === ref));
  const taken = new Set(selection.map(nameOf));
  const options = all
    .map(containerName)
    .filter((n) => !taken.has(n))
    .sort();
  const errors = ordered.filter((s) => s.status.error);
  // One download handler for the page's life (the names are read when it is used): the memoised
  // toolbar is then not drawn again for every line.
  const namesNow = useRef(names);
  namesNow.current = names;
  const { buffer } = logs;
  const onDownload = useCallback(() => download(buffer, namesNow.current, settings.timestamps), [buffer, settings.timestamps]);
  const q = settings.mode === 'filter' ? settings.q : '';

  /** A change of the selection makes it explicit: `containers=` (a project's list is frozen). */
  const select = (next: string[]) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        p.delete('project');
        if (next.length) p.set('containers', next.join(','));
        else p.delete('containers');
        return p;
      },
      { replace: false },
    );

  return (
    <Stack gap={0} h={LOG_PAGE_HEIGHT}>
      <Group gap="sm" mb="xs" wrap="nowrap">
        <Anchor component={EngineLink} to="/containers" size="sm">
          Containers
        </Anchor>
        <Text c="dimmed">/</Text>
        <Title order={2} size="h3">
          Merged logs
        </Title>
        {project && (
          <Badge variant="outline" radius="sm" tt="none" title={`${COMPOSE_PROJECT}=${project}`}>
            project {project}
          </Badge>
        )}
      </Group>
      <SourcePicker
        sources={ordered}
        names={nameOf}
        options={options}
        onAdd={(name) => select([...selection, name])}
        onRemove={(ref) => select(selection.filter((r) => r !== ref))}
      />
      <LogToolbar settings={settings} update={update} searchError={searchError} onNextMatch={nextMatch} onDownload={onDownload} />
      <LogStatusLine
        follow={follow}
        status={overall(ordered)}
        lines={logs.buffer.length}
        cli={mergedLogsCli(
          { project: inProject.length === selection.length ? project : undefined, containers: selection.map(nameOf) },
          settings,
          q,
        )}
      >
        <Text size="xs" c="dimmed">
          {ordered.length} container{ordered.length === 1 ? '' : 's'}
        </Text>
      </LogStatusLine>
      {errors.length > 0 && (
        <Alert color="red" title="Some logs could not be read" mb="xs" role="alert" py={6}>
          {errors.map((s) => (
            <Text key={s.container} size="sm">
              <Text span ff="monospace" fw={600}>
                {nameOf(s.container)}
              </Text>
              : {s.status.error}
            </Text>
          ))}
        </Alert>
      )}
      {selection.length === 0 ? (
        <Paper withBorder p="xl" ta="center">
          <Text fw={600}>{project ? `No container is in the compose project “${project}”.` : 'No containers selected.'}</Text>
          <Text size="sm" c="dimmed">
            {list.isPending && project
              ? 'Loading the containers…'
              : 'Add containers with “Add container…” above, or select several rows in '}
            {!(list.isPending && project) && (
              <>
                <Anchor component={EngineLink} to="/containers">
                  Containers
                </Anchor>{' '}
                and choose “Merged logs” (grouped by compose project, each project has a “Logs” link).
              </>
            )}
          </Text>
        </Paper>
      ) : (
        <LogView log={logs} settings={settings} highlight={highlight} sources={names} scrollRef={jump} follow={follow} />
      )}
    </Stack>
  );
}
