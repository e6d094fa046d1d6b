import { Badge, Box, Group, Text, Title } from '@mantine/core';
import type { ServiceLogLine } from '@porthole/shared/live';
import { useEffect, useRef, useState } from 'react';
import { CliHint } from '../../components/CliHint.tsx';
import { useLiveSubscription } from '../../lib/live-context.tsx';

const KEEP = 500;

/** The service's log merged live from every node (topic `service-logs`), each line labelled by task and node. */
export function ServiceLogs(props: { engine: string; service: string; name: string; hostname: (id?: string) => string }) {
  const [lines, setLines] = useState<ServiceLogLine[]>([]);
  const [state, setState] = useState('connecting');
  useLiveSubscription(
    props.engine,
    'service-logs',
    { service: props.service },
    {
      onItems: (items) => setLines((prev) => [...prev, ...items].slice(-KEEP)),
      onState: (s) => setState(s),
      onError: (m) => setState(m),
    },
  );
  const box = useRef<HTMLDivElement>(null);
  const atEnd = useRef(true);
  // Follows the newest line while the reader is at the end; scrolling up stops following.
  useEffect(() => {
    if (lines.length && atEnd.current && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines]);
  return (
    <Box>
      <Group justify="space-between">
        <Group gap="xs">
          <Title order={4}>Logs</Title>
          <Badge variant="light" size="sm">
            {state}
          </Badge>
        </Group>
        <CliHint command={`docker service logs --follow --tail 100 ${props.name}`} />
      </Group>
      <Box
        ref={box}
        onScroll={(e) => {
          const el = e.currentTarget;
          atEnd.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
        role="log"
        aria-label="Service logs"
        ff="monospace"
        fz="xs"
        p="xs"
        mah={320}
        style={{ overflow: 'auto', border: '1px solid var(--mantine-color-default-border)', borderRadius: 4 }}
      >
        {lines.length === 0 && (
          <Text c="dimmed" fz="xs">
            No lines yet: tasks write here when they log to stdout or stderr.
          </Text>
        )}
        {lines.map((l, i) => (
          <div key={i} data-node={props.hostname(l.node)} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            <Text span c="dimmed" fz="xs">
              {props.hostname(l.node)} {l.task?.slice(0, 10)}{' '}
            </Text>
            <Text span c={l.s === 2 ? 'red' : undefined} fz="xs">
              {l.l}
            </Text>
          </div>
        ))}
      </Box>
    </Box>
  );
}
