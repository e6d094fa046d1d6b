import { Paper, Table, Text, Title } from '@mantine/core';
import type { EngineEvent } from '@porthole/shared/live';
import { useState } from 'react';
import { useEngineEvents } from '../../lib/engine-status.tsx';

const KEEP = 12;

/** The engine's latest events since the page opened, newest first (the Events view has history). */
export function RecentEvents() {
  const [events, setEvents] = useState<EngineEvent[]>([]);
  useEngineEvents((e) => setEvents((prev) => [e, ...prev].slice(0, KEEP)));
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={4} mb="xs">
        Recent activity
      </Title>
      {events.length === 0 ? (
        <Text c="dimmed" size="sm">
          Nothing yet. Start, stop or create something (here or with the docker CLI) and it shows up at once.
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
