import { Group, Paper, Switch, Table, Text, Title } from '@mantine/core';
import type { EngineEvent } from '@porthole/shared/live';
import { useState } from 'react';
import { useEngine, useEngineEvents } from '../../lib/engine-status.tsx';
import { useHealthcheckEvents } from '../../lib/healthcheck-events.ts';

const SHOW = 12;
/** Kept beyond what is shown, so hiding healthcheck execs still leaves a dozen others. */
const KEEP = 100;

/**
 * The engine's latest events since the page opened, newest first (the Events view has history);
 * a container's own healthcheck execs are hidden unless asked for.
 */
export function RecentEvents() {
  const [all, setAll] = useState<EngineEvent[]>([]);
  const [showHealthchecks, setShowHealthchecks] = useState(false);
  useEngineEvents((e) => setAll((prev) => [e, ...prev].slice(0, KEEP)));
  const isHealthcheck = useHealthcheckEvents(useEngine(), all);
  const shown = showHealthchecks ? all : all.filter((e) => !isHealthcheck(e));
  const hidden = all.length - shown.length;
  const events = shown.slice(0, SHOW);
  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" mb="xs">
        <Title order={4}>Recent activity</Title>
        <Switch
          size="xs"
          label="Healthcheck execs"
          checked={showHealthchecks}
          onChange={(e) => setShowHealthchecks(e.currentTarget.checked)}
        />
      </Group>
      {events.length === 0 ? (
        <Text c="dimmed" size="sm">
          {hidden > 0 ? `Only healthcheck execs so far (${hidden} hidden). ` : 'Nothing yet. '}
          Start, stop or create something (here or with the docker CLI) and it shows up at once.
        </Text>
      ) : (
        <Table aria-label="Recent engine events" verticalSpacing={4}>
          <Table.Tbody>
            {events.map((e) => (
              <Table.Tr key={`${e.timeNano}-${e.Type}-${e.Action}-${e.Actor.ID}`}>
                <Table.Td w={90} className="mono">
                  {new Date(e.time * 1000).toLocaleTimeString()}
                </Table.Td>
                <Table.Td w={90}>{e.Type}</Table.Td>
                <Table.Td w={160}>{e.Action}</Table.Td>
                <Table.Td className="mono">{e.Actor.Attributes?.name ?? e.Actor.ID.slice(0, 12)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
