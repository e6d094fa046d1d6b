import { Anchor, Breadcrumbs, Button, FileButton, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { CliHint } from '../../components/CliHint.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { ActionsTh } from '../../components/row-actions.tsx';
import { useEngine } from '../../lib/engine-status.tsx';
import { formatBytes } from '../../lib/format.ts';
import { ContainerStreamHeader } from '../../components/StreamHeader.tsx';
import { gateContainerView } from '../../components/ContainerViewGate.tsx';
import { directoryQuery, downloadUrl } from '../../lib/docker/files.ts';
import {
  joinContainerPath as joinPath,
  normaliseContainerPath as normalisePath,
  parentContainerPath as parentPath,
} from '@porthole/shared/container-path';
import { UploadStatus } from './UploadStatus.tsx';
import { useUpload } from './useUpload.ts';
import { EngineLink } from '../../lib/engine-paths.tsx';

/** The `docker cp` commands of the view's actions, one a line with what it does. */
function cpCommands(id: string, dir: string): string {
  const lines: Array<[string, string]> = [
    [`docker cp ${id}:${dir} .`, 'download'],
    [`docker cp FILE ${id}:${dir}`, 'upload here'],
    [`docker cp - ${id}:${dir} < ARCHIVE.tar`, 'upload archive (extract here)'],
  ];
  const width = Math.max(...lines.map(([cmd]) => cmd.length));
  return lines.map(([cmd, what]) => `${cmd.padEnd(width)}  # ${what}`).join('\n');
}

/** `/containers/:id/files`: browse, download and upload like `docker cp`. */
function FilesPageView() {
  const { id = '' } = useParams();
  const engine = useEngine();
  const [params, setParams] = useSearchParams();
  const dir = normalisePath(params.get('path') || '/');
  const [filter, setFilter] = useState('');
  const listing = useQuery(directoryQuery(engine, id, dir));
  const go = (p: string) => setParams({ path: p });
  const upload = useUpload(engine, id, dir);
  const archive = useUpload(engine, id, dir, 'extract');
  const resetRef = useRef<() => void>(null);
  const archiveResetRef = useRef<() => void>(null);
  const parts = dir.split('/').filter(Boolean);
  const rows = (listing.data?.entries ?? []).filter((e) => e.name.toLowerCase().includes(filter.toLowerCase()));

  return (
    <Stack gap="sm">
      <ContainerStreamHeader id={id} />
      <Group justify="space-between">
        <Breadcrumbs aria-label="Path" ff="monospace">
          <Anchor component="button" onClick={() => go('/')} aria-label="Root folder">
            (root)
          </Anchor>
          {parts.map((p, i) => (
            <Anchor key={`${i}-${p}`} component="button" onClick={() => go(`/${parts.slice(0, i + 1).join('/')}`)}>
              {p}
            </Anchor>
          ))}
        </Breadcrumbs>
        <Group gap="xs" role="group" aria-label="Folder actions">
          <TextInput
            size="xs"
            placeholder="Filter names"
            aria-label="Filter names"
            value={filter}
            onChange={(e) => setFilter(e.currentTarget.value)}
            data-shortcut="filter"
          />
          <Button size="xs" variant="default" component="a" href={downloadUrl(engine, id, dir)} download>
            Download folder (tar)
          </Button>
          <FileButton
            onChange={(files) => {
              resetRef.current?.();
              if (files.length) upload.mutate(files);
            }}
            multiple
            resetRef={resetRef}
          >
            {(props) => (
              <Button size="xs" {...props} loading={upload.isPending}>
                Upload here
              </Button>
            )}
          </FileButton>
          <FileButton
            onChange={(file) => {
              archiveResetRef.current?.();
              if (file) archive.mutate([file]);
            }}
            accept=".tar,application/x-tar"
            resetRef={archiveResetRef}
          >
            {(props) => (
              <Button size="xs" variant="light" {...props} loading={archive.isPending}>
                Upload archive (extract here)
              </Button>
            )}
          </FileButton>
          <CliHint command={cpCommands(id.slice(0, 12), dir)} />
        </Group>
      </Group>
      <UploadStatus upload={upload} dir={dir} />
      <UploadStatus upload={archive} dir={dir} />
      <QueryState isPending={listing.isPending} error={listing.error}>
        <div className="table-box">
          <Table striped highlightOnHover stickyHeader verticalSpacing={4} aria-label={`Files in ${dir}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Size</Table.Th>
                <Table.Th>Mode</Table.Th>
                <Table.Th>Modified</Table.Th>
                <ActionsTh />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {dir !== '/' && (
                <Table.Tr>
                  <Table.Td colSpan={5} ff="monospace">
                    <Anchor component="button" onClick={() => go(parentPath(dir))}>
                      ..
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              )}
              {rows.map((e) => {
                const path = joinPath(dir, e.name);
                return (
                  <Table.Tr key={e.name} data-testid="file-row">
                    <Table.Td ff="monospace">
                      {e.type === 'directory' ? (
                        <Anchor component="button" onClick={() => go(path)}>
                          {e.name}/
                        </Anchor>
                      ) : (
                        e.name
                      )}
                      {e.type === 'symlink' && (
                        <Text span c="dimmed" size="sm">
                          {' '}
                          → {e.linkTarget}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{e.type === 'directory' ? '—' : formatBytes(e.size)}</Table.Td>
                    <Table.Td ff="monospace">
                      {e.type === 'directory' ? 'd' : e.type === 'symlink' ? 'l' : '-'}
                      {e.mode}
                    </Table.Td>
                    <Table.Td>{new Date(e.mtime).toLocaleString()}</Table.Td>
                    <Table.Td>
                      {e.type !== 'symlink' && (
                        <Anchor href={downloadUrl(engine, id, path)} download size="sm" aria-label={`Download ${e.name}`}>
                          Download{e.type === 'directory' ? ' (tar)' : ''}
                        </Anchor>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </div>
        {listing.data?.truncated && (
          <Text size="sm" c="orange">
            This folder is too large to list whole; download it as tar instead.
          </Text>
        )}
        {rows.length === 0 && (
          <Text size="sm" c="dimmed">
            {filter
              ? 'No names match the filter.'
              : 'This folder is empty. Upload a file into it with “Upload here”, or a tar with “Upload archive (extract here)”.'}
          </Text>
        )}
      </QueryState>
      <Text size="xs" c="dimmed">
        Paths are resolved inside the container; see also{' '}
        <Anchor component={EngineLink} to={`/containers/${encodeURIComponent(id)}/terminal`} size="xs">
          the terminal
        </Anchor>
        .
      </Text>
    </Stack>
  );
}

export const FilesPage = gateContainerView('container.files', FilesPageView);
