import { Code, Paper, Stack, Table, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { PageTitle } from '../../components/PageTitle.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useEngine } from '../../lib/engine-status.tsx';
import { infoQuery, versionQuery } from '../../lib/docker/system.ts';

function scalarRows(obj: object) {
  return Object.entries(obj).filter(([, v]) => v === null || ['string', 'number', 'boolean'].includes(typeof v));
}

/** The engine's `docker version` and `docker info`, every scalar field, as the engine reports it. */
export function SystemPage() {
  const engine = useEngine();
  const info = useQuery(infoQuery(engine));
  const version = useQuery(versionQuery(engine));
  return (
    <Stack>
      <PageTitle title="System" command="docker version && docker info" />
      <QueryState isPending={info.isPending || version.isPending} error={info.error ?? version.error}>
        {[
          ['Version', version.data],
          ['Info', info.data],
        ].map(([title, data]) => (
          <Paper key={title as string} withBorder p="md">
            <Title order={4} mb="xs">
              {title as string}
            </Title>
            <Table striped aria-label={`Engine ${String(title).toLowerCase()}`}>
              <Table.Tbody>
                {scalarRows((data ?? {}) as object).map(([k, v]) => (
                  <Table.Tr key={k}>
                    <Table.Td w={260}>{k}</Table.Td>
                    <Table.Td>
                      <Code style={{ overflowWrap: 'anywhere' }}>{String(v)}</Code>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        ))}
      </QueryState>
    </Stack>
  );
}
