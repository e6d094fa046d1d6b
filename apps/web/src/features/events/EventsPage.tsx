import { Anchor, Badge, Button, Group, MultiSelect, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import type { EngineEvent } from '@porthole/shared/live';
import { useQuery } from '@tanstack/react-query';
import { memo, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { CliHint } from '../../components/CliHint.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useEngine, useEngineEvents, useEngineStatus } from '../../lib/engine-status.tsx';
import { LiveStateBadge } from '../../components/LiveStateBadge.tsx';
import { eventHistoryQuery, eventKey, eventLink, eventName } from '../../lib/docker/events.ts';
import { SimpleTable } from '../../components/SimpleTable.tsx';
import { useHealthcheckEvents } from '../../lib/healthcheck-events.ts';
import { EngineLink } from '../../lib/engine-paths.tsx';

const TYPES = ['container', 'image', 'network', 'volume'];
const MAX_EVENTS = 5000;
const ACTION_COLORS: Record<string, string> = {
  start: 'green',
  die: 'red',
  kill: 'red',
  oom: 'red',
  stop: 'gray',
  destroy: 'gray',
  create: 'blue',
  pause: 'yellow',
  unpause: 'green',
};

// Built once: toLocaleTimeString with options builds a formatter per call (per row).
const timeFormat = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
  fractionalSecondDigits: 3,
});

function time(e: EngineEvent): string {
  return timeFormat.format(new Date(Math.floor(e.timeNano / 1e6)));
}

/** `/events`: the last hour from the engine, then live, with filters and pause. */
export function EventsPage() {
  const engine = useEngine();
  const { connection, message } = useEngineStatus();
  const [params, setParams] = useSearchParams();
  const typeParam = params.get('type') ?? '';
  const types = useMemo(() => typeParam.split(',').filter(Boolean), [typeParam]);
  const action = params.get('action') ?? '';
  const name = params.get('q') ?? '';
  const showHealthchecks = params.get('healthchecks') === '1';
  const setParam = (k: string, v: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (v) next.set(k, v);
        else next.delete(k);
        return next;
      },
      { replace: true },
    );
  const [opened] = useState(() => Math.floor(Date.now() / 1000));
  const history = useQuery(eventHistoryQuery(engine, opened - 3600, opened));
  const [live, setLive] = useState<EngineEvent[]>([]);
  const [paused, setPaused] = useState(false);
  const held = useRef<EngineEvent[]>([]);
  const [heldCount, setHeldCount] = useState(0);

  // History ends at `opened`; the live events from then on — also those that came while this page
  // was still loading — follow it (the same event in both is shown once: eventKey).
  useEngineEvents((e) => {
    if (paused) {
      held.current.push(e);
      setHeldCount(held.current.length);
    } else setLive((prev) => [...prev.slice(-MAX_EVENTS), e]);
  }, opened);
  const resume = () => {
    const h = held.current;
    held.current = [];
    setHeldCount(0);
    setLive((prev) => [...prev, ...h].slice(-MAX_EVENTS));
    setPaused(false);
  };

  const all = useMemo(() => {
    const seen = new Set<string>();
    const out: EngineEvent[] = [];
    for (const e of [...(history.data ?? []), ...live]) {
      const k = eventKey(e);
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(e);
    }
    return out;
  }, [history.data, live]);
  const isHealthcheck = useHealthcheckEvents(engine, all);
  const hiddenHealthchecks = useMemo(
    () => (showHealthchecks ? 0 : all.filter(isHealthcheck).length),
    [all, isHealthcheck, showHealthchecks],
  );

  const rows = useMemo(() => {
    const nameLower = name.toLowerCase();
    return all
      .filter(
        (e) =>
          (showHealthchecks || !isHealthcheck(e)) &&
          (types.length === 0 || types.includes(e.Type)) &&
          (!action || e.Action.startsWith(action)) &&
          (!name || eventName(e).toLowerCase().includes(nameLower) || e.Actor.ID.startsWith(name)),
      )
      .reverse()
      .slice(0, 1000);
  }, [all, isHealthcheck, showHealthchecks, types, action, name]);

  const cli = [
    'docker events --since 1h',
    ...types.map((t) => `--filter type=${t}`),
    action && `--filter event=${action}`,
    name && `--filter container=${name}`,
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2}>Events</Title>
        <Group gap="xs">
          <LiveStateBadge
            state={paused ? 'paused' : connection === 'connected' ? 'live' : connection === 'connecting' ? 'connecting' : 'reconnecting'}
            message={message}
          />
          {paused ? (
            <Button size="xs" onClick={resume}>
              Resume{heldCount ? ` (${heldCount} new)` : ''}
            </Button>
          ) : (
            <Button size="xs" variant="default" onClick={() => setPaused(true)}>
              Pause
            </Button>
          )}
        </Group>
      </Group>
      <Group gap="xs" align="flex-end">
        <MultiSelect
          label="Type"
          size="xs"
          data={TYPES}
          value={types}
          onChange={(v) => setParam('type', v.join(','))}
          placeholder="all types"
          w={280}
          clearable
        />
        <TextInput
          label="Action"
          size="xs"
          placeholder="start, die, health_status…"
          value={action}
          onChange={(e) => setParam('action', e.currentTarget.value.trim())}
        />
        <TextInput
          label="Name"
          size="xs"
          placeholder="name or id"
          value={name}
          onChange={(e) => setParam('q', e.currentTarget.value)}
          data-shortcut="filter"
        />
        <Switch
          size="xs"
          mb={6}
          label={`Show healthcheck execs${hiddenHealthchecks ? ` (${hiddenHealthchecks} hidden)` : ''}`}
          checked={showHealthchecks}
          onChange={(e) => setParam('healthchecks', e.currentTarget.checked ? '1' : '')}
        />
        <CliHint command={cli} />
      </Group>
      <QueryState isPending={history.isPending} error={history.error}>
        <SimpleTable
          striped
          highlightOnHover
          stickyHeader
          verticalSpacing={4}
          label="Engine events"
          columns={['Time', 'Type', 'Action', 'Object', 'Details']}
        >
          {rows.map((e) => (
            <EventRow key={eventKey(e)} event={e} />
          ))}
        </SimpleTable>
        {rows.length === 0 && (
          <Text c="dimmed" size="sm">
            No events in the last hour match. Start or stop a container and it shows up here at once.
          </Text>
        )}
      </QueryState>
    </Stack>
  );
}

/** One row; memoised so a new event renders one row, not the whole (up to 1000-row) table. */
const EventRow = memo(function EventRow({ event: e }: { event: EngineEvent }) {
  const link = e.Action === 'destroy' || e.Action === 'delete' ? undefined : eventLink(e);
  const attrs = Object.entries(e.Actor.Attributes ?? {}).filter(
    ([k]) => k !== 'name' && !k.startsWith('porthole.') && !k.startsWith('org.'),
  );
  return (
    <Table.Tr data-testid="event-row">
      <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
        {time(e)}
      </Table.Td>
      <Table.Td>{e.Type}</Table.Td>
      <Table.Td>
        <Badge
          variant="light"
          radius="sm"
          color={ACTION_COLORS[e.Action.split(':')[0] as string] ?? 'gray'}
          style={{ overflow: 'visible' }}
          maw="none"
        >
          {e.Action}
        </Badge>
      </Table.Td>
      <Table.Td ff="monospace">
        {link ? (
          <Anchor component={EngineLink} to={link} size="sm">
            {eventName(e)}
          </Anchor>
        ) : (
          eventName(e)
        )}
      </Table.Td>
      <Table.Td maw={360}>
        <Text size="xs" c="dimmed" lineClamp={1} style={{ wordBreak: 'break-all' }}>
          {attrs.map(([k, v]) => `${k}=${v}`).join(' ')}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
});
