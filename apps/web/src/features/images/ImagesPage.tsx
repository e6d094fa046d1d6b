import { Anchor, Badge, Button, Checkbox, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';

import { CliHint } from '../../components/CliHint.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { containerListQuery } from '../../lib/docker/containers.ts';
import { useEngine } from '../../lib/engine-status.tsx';
import { formatBytes, shortId, timeAgo } from '../../lib/format.ts';
import { imageCountText, imageDfQuery, imagesQuery, imageTags, type ImageSummary } from '../../lib/docker/images.ts';
import { LoadImageModal } from './LoadImageModal.tsx';
import { PruneImagesModal } from './PruneImagesModal.tsx';
import { PullModal } from './PullModal.tsx';
import { RemoveImageModal } from './RemoveImageModal.tsx';
import { DataTable, FilterInput, SortTh, useSortedRows, useTableState } from '../../components/data-table.tsx';
import { ActionsTh, RowDangerButton } from '../../components/row-actions.tsx';
import { gated, useCans } from '../../lib/role.ts';
import { EngineLink } from '../../lib/engine-paths.tsx';

interface Row {
  key: string;
  image: ImageSummary;
  repo: string;
  tag: string;
  ref: string;
  size: number;
  shared: number;
  unique: number;
  containers: number;
}

/** `/images`: one row per tag (dangling images once), with shared/unique sizes and users. */
export function ImagesPage() {
  const can = useCans({ prune: 'image.prune', load: 'image.load', build: 'image.build', pull: 'image.pull', remove: 'image.remove' });
  const engine = useEngine();
  const images = useQuery(imagesQuery(engine));
  const df = useQuery(imageDfQuery(engine));
  const containers = useQuery(containerListQuery(engine));
  const table = useTableState('created', 'desc');
  const { q, sort, dir, params, set } = table;
  const dangling = params.get('dangling') === '1';
  const unused = params.get('unused') === '1';
  const [modal, setModal] = useState<'pull' | 'load' | 'prune' | null>(null);
  const [removing, setRemoving] = useState<{ ref: string; id: string } | null>(null);

  const users = useMemo(() => {
    const m = new Map<string, number>();
    for (const c of containers.data ?? []) m.set(c.ImageID, (m.get(c.ImageID) ?? 0) + 1);
    return m;
  }, [containers.data]);

  const rows = useMemo(() => {
    const out: Row[] = [];
    for (const image of images.data ?? []) {
      const d = df.data?.byId.get(image.Id);
      const shared = d?.SharedSize ?? image.SharedSize;
      const base = {
        image,
        size: image.Size,
        shared: Math.max(shared, 0),
        unique: image.Size - Math.max(shared, 0),
        containers: users.get(image.Id) ?? 0,
      };
      const tags = imageTags(image);
      if (tags.length === 0) out.push({ ...base, key: image.Id, repo: '<none>', tag: '<none>', ref: image.Id });
      for (const t of tags) {
        const at = t.lastIndexOf(':');
        out.push({ ...base, key: `${image.Id}/${t}`, repo: t.slice(0, at), tag: t.slice(at + 1), ref: t });
      }
    }
    const needle = q.toLowerCase();
    return out.filter(
      (r) =>
        (!dangling || r.repo === '<none>') &&
        (!unused || r.containers === 0) &&
        (!needle ||
          [r.ref, r.image.Id, ...Object.entries(r.image.Labels ?? {}).map(([k, v]) => `${k}=${v}`)].some((s) =>
            s.toLowerCase().includes(needle),
          )),
    );
  }, [images.data, df.data, users, q, dangling, unused]);

  const accessors = useMemo(
    () => ({
      repo: (r: Row) => r.repo,
      tag: (r: Row) => r.tag,
      id: (r: Row) => r.image.Id,
      size: (r: Row) => r.size,
      shared: (r: Row) => r.shared,
      unique: (r: Row) => r.unique,
      containers: (r: Row) => r.containers,
      created: (r: Row) => r.image.Created,
    }),
    [],
  );
  const sorted = useSortedRows(rows, accessors, sort, dir);
  const th = (label: string, column: string) => <SortTh label={label} column={column} table={table} />;

  return (
    <Stack>
      <Group justify="space-between">
        <Group align="baseline">
          <Title order={2}>Images</Title>
          <Text c="dimmed" size="sm" data-testid="images-total">
            {images.data
              ? `${imageCountText(images.data)} · ${df.data ? `${formatBytes(df.data.layersSize)} on disk` : df.error ? 'disk usage unavailable' : 'measuring disk usage…'}`
              : ''}
          </Text>
        </Group>
        <Group>
          <Button variant="default" {...gated(can.prune)} onClick={() => setModal('prune')}>
            Prune…
          </Button>
          <Button variant="default" {...gated(can.load)} onClick={() => setModal('load')}>
            Load…
          </Button>
          {can.build.allowed ? (
            <Button variant="default" component={EngineLink} to="/images/build">
              Build…
            </Button>
          ) : (
            <Button variant="default" {...gated(can.build)}>
              Build…
            </Button>
          )}
          <Button {...gated(can.pull)} onClick={() => setModal('pull')}>
            Pull…
          </Button>
        </Group>
      </Group>
      <Group justify="space-between">
        <Group>
          <FilterInput label="Filter images" value={q} onChange={(v) => set({ q: v || undefined })} />
          <Checkbox
            label="Dangling only"
            checked={dangling}
            onChange={(e) => set({ dangling: e.currentTarget.checked ? '1' : undefined })}
          />
          <Checkbox label="Unused only" checked={unused} onChange={(e) => set({ unused: e.currentTarget.checked ? '1' : undefined })} />
        </Group>
        <CliHint command={`docker image ls${dangling ? ' --filter dangling=true' : ''} && docker system df -v`} />
      </Group>
      <QueryState isPending={images.isPending} error={images.error}>
        {sorted.length === 0 ? (
          <Text c="dimmed" p="md">
            {q || dangling || unused
              ? 'No image matches. Clear the filters to see them all.'
              : 'No images yet. Pull one, build one or load a saved tar.'}
          </Text>
        ) : (
          <DataTable
            label="Images"
            scroll
            minWidth={1000}
            head={
              <Table.Tr>
                {th('Repository', 'repo')}
                {th('Tag', 'tag')}
                {th('Image ID', 'id')}
                {th('Size', 'size')}
                {th('Shared', 'shared')}
                {th('Unique', 'unique')}
                {th('Containers', 'containers')}
                {th('Created', 'created')}
                <ActionsTh />
              </Table.Tr>
            }
          >
            {sorted.map((r) => (
              <Table.Tr key={r.key} data-image={r.ref}>
                <Table.Td maw={360} style={{ overflowWrap: 'anywhere' }}>
                  <Anchor component={EngineLink} to={`/images/${encodeURIComponent(shortId(r.image.Id))}/overview`} fz="sm" ff="monospace">
                    {r.repo}
                  </Anchor>
                  {r.repo === '<none>' && (
                    <Badge ml={6} size="xs" color="gray" variant="light">
                      dangling
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td ff="monospace" fz="sm">
                  {r.tag}
                </Table.Td>
                <Table.Td>
                  <Code>{shortId(r.image.Id)}</Code>
                </Table.Td>
                <Table.Td>{formatBytes(r.size)}</Table.Td>
                <Table.Td c="dimmed">{formatBytes(r.shared)}</Table.Td>
                <Table.Td>{formatBytes(r.unique)}</Table.Td>
                <Table.Td>
                  {r.containers || (
                    <Text c="dimmed" span size="sm">
                      0
                    </Text>
                  )}
                </Table.Td>
                <Table.Td title={new Date(r.image.Created * 1000).toISOString()}>{timeAgo(r.image.Created)}</Table.Td>
                <Table.Td>
                  <RowDangerButton
                    label={`Remove image ${r.ref}`}
                    {...gated(can.remove)}
                    onClick={() => setRemoving({ ref: r.ref, id: r.image.Id })}
                  >
                    Remove
                  </RowDangerButton>
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryState>
      <PullModal opened={modal === 'pull'} onClose={() => setModal(null)} />
      <LoadImageModal opened={modal === 'load'} onClose={() => setModal(null)} />
      <PruneImagesModal opened={modal === 'prune'} onClose={() => setModal(null)} />
      <RemoveImageModal target={removing} onClose={() => setRemoving(null)} />
    </Stack>
  );
}
