import { Alert, Anchor, Breadcrumbs, Button, Group, Paper, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { QueryState } from '../../components/QueryState.tsx';
import { CliHint } from '../../components/CliHint.tsx';
import { useEngine } from '../../lib/engine-status.tsx';
import { formatBytes } from '../../lib/format.ts';
import { volumeDownloadUrl, volumeFilesQuery } from '../../lib/docker/volumes.ts';
import { SimpleTable } from '../../components/SimpleTable.tsx';
import { RoleGate } from '../../components/RoleGate.tsx';
import { useCan } from '../../lib/role.ts';

const modeString = (mode: number, type: string) =>
  (type === 'directory' ? 'd' : type === 'symlink' ? 'l' : '-') +
  [6, 3, 0].map((sh) => ['r', 'w', 'x'].map((c, i) => ((mode >> (sh + 2 - i)) & 1 ? c : '-')).join('')).join('');

/** Browses a volume one directory at a time (`?path=` in the URL), through a container that mounts it. */
/** The volume's files, for the roles that may browse them. */
export function VolumeFiles({ name }: { name: string }) {
  const permission = useCan('volume.files');
  return permission.allowed ? <VolumeFileList name={name} /> : <RoleGate permission={permission}>{null}</RoleGate>;
}

function VolumeFileList({ name }: { name: string }) {
  const engine = useEngine();
  const [params, setParams] = useSearchParams();
  const path = params.get('path') ?? '';
  const files = useQuery(volumeFilesQuery(engine, name, path));
  const go = (p: string) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (p) next.set('path', p);
      else next.delete('path');
      return next;
    });
  const parts = path.split('/').filter(Boolean);
  const data = files.data;
  const inContainer = data ? `${data.container.mountPath}${data.path === '/' ? '' : data.path}` : '';
  return (
    <Paper withBorder p="sm">
      <Group justify="space-between" mb="xs">
        <Title order={4}>Files</Title>
        {data && (
          <Group gap="xs">
            <CliHint
              command={`docker exec ${data.container.name} ls -la ${inContainer}   # list\ndocker cp ${data.container.name}:${inContainer} .   # download`}
            />
            <Button size="xs" variant="default" component="a" href={volumeDownloadUrl(engine, name, path)} download>
              Download folder (tar)
            </Button>
          </Group>
        )}
      </Group>
      <Breadcrumbs mb="xs" aria-label="Path in the volume">
        <Anchor component="button" type="button" onClick={() => go('')} fz="sm">
          {name.length > 24 ? `${name.slice(0, 12)}…` : name}
        </Anchor>
        {parts.map((p, i) => (
          <Anchor key={`${p}-${i}`} component="button" type="button" fz="sm" onClick={() => go(`/${parts.slice(0, i + 1).join('/')}`)}>
            {p}
          </Anchor>
        ))}
      </Breadcrumbs>
      {files.error ? (
        <Alert color="yellow" title="Cannot browse">
          {files.error.message}
        </Alert>
      ) : (
        <QueryState isPending={files.isPending} error={null}>
          {data && (
            <>
              <Text size="xs" c="dimmed" mb="xs">
                Read through container <b>{data.container.name}</b>, which mounts it at <code>{data.container.mountPath}</code>.
              </Text>
              {data.entries.length === 0 ? (
                <Text size="sm" c="dimmed">
                  This directory is empty.
                </Text>
              ) : (
                <SimpleTable label="Volume files" stickyHeader columns={['Name', '', 'Mode', 'Size', 'Modified']}>
                  {data.entries.map((e) => (
                    <Table.Tr key={e.name}>
                      <Table.Td ff="monospace" fz="sm">
                        {e.type === 'directory' ? (
                          <UnstyledButton
                            c="blue"
                            ff="monospace"
                            fz="sm"
                            onClick={() => go(`${path}/${e.name}`)}
                            aria-label={`Open folder ${e.name}`}
                          >
                            {e.name}/
                          </UnstyledButton>
                        ) : (
                          <>
                            {e.name}
                            {e.linkTarget ? ` → ${e.linkTarget}` : ''}
                          </>
                        )}
                      </Table.Td>
                      {/* Next to the name: in reach on a phone, where the table scrolls sideways. */}
                      <Table.Td fz="xs">
                        {e.type !== 'symlink' && e.type !== 'other' && (
                          <Anchor
                            href={volumeDownloadUrl(engine, name, `${path}/${e.name}`)}
                            download
                            size="xs"
                            aria-label={`Download ${e.name}`}
                          >
                            Download{e.type === 'directory' ? ' (tar)' : ''}
                          </Anchor>
                        )}
                      </Table.Td>
                      <Table.Td ff="monospace" fz="xs">
                        {modeString(e.mode, e.type)}
                      </Table.Td>
                      <Table.Td fz="xs">{e.type === 'file' ? formatBytes(e.size) : '—'}</Table.Td>
                      <Table.Td fz="xs">{e.mtime ? new Date(e.mtime).toLocaleString() : '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </SimpleTable>
              )}
              {data.truncated && (
                <Text size="xs" c="orange">
                  Only the first entries are shown.
                </Text>
              )}
            </>
          )}
        </QueryState>
      )}
    </Paper>
  );
}
