import { Badge, Button, Code, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Suspense, useState } from 'react';
import { useParams } from 'react-router';
import { Breadcrumbs } from '../../components/Breadcrumbs.tsx';
import { CliHint } from '../../components/CliHint.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { imageExportUrl } from '../../lib/docker/image-streams.ts';
import { useEngine } from '../../lib/engine-status.tsx';
import { formatBytes, shortId } from '../../lib/format.ts';
import { imageInspectQuery, imageTags } from '../../lib/docker/images.ts';
import { ImageLayersTab } from './ImageLayersTab.tsx';
import { ImageOverviewTab } from './ImageOverviewTab.tsx';
import { PushModal } from './PushModal.tsx';
import { RemoveImageModal } from './RemoveImageModal.tsx';
import { TagModal } from './TagModal.tsx';
import { lazyChunk } from '../../lib/lazy-chunk.ts';
import { gated, useCans } from '../../lib/role.ts';
import { useEngineNavigate } from '../../lib/engine-paths.tsx';

const ImageInspectTab = lazyChunk(() => import('./ImageInspectTab.tsx').then((m) => ({ default: m.ImageInspectTab })));

const TABS = ['overview', 'layers', 'inspect'] as const;

/** `/images/:id/<tab>`: Overview, Layers (history + reconstructed Dockerfile), Inspect. */
export function ImageDetailPage() {
  const can = useCans({ tag: 'image.tag', push: 'image.push', save: 'image.save', remove: 'image.remove' });
  const engine = useEngine();
  const navigate = useEngineNavigate();
  const { id = '', tab = 'overview' } = useParams();
  const inspect = useQuery(imageInspectQuery(engine, id));
  const [modal, setModal] = useState<'tag' | 'push' | 'remove' | null>(null);
  const image = inspect.data;
  const tags = image ? imageTags(image) : [];
  const name = tags[0] ?? shortId(image?.Id ?? id);
  const saveName = `${name.replace(/[/:]/g, '_')}.tar`;

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Breadcrumbs items={[{ to: '/images', label: 'Images' }]} />
          <Title order={2} ff="monospace" fz={22}>
            {name}
          </Title>
          <Group gap={6}>
            <Code>{shortId(image?.Id ?? id)}</Code>
            {image && <Text size="sm">{formatBytes(image.Size)}</Text>}
            {tags.slice(1).map((t) => (
              <Badge key={t} variant="light" tt="none">
                {t}
              </Badge>
            ))}
          </Group>
        </Stack>
        {image && (
          <Group>
            <Button variant="default" {...gated(can.tag)} onClick={() => setModal('tag')}>
              Tag…
            </Button>
            <Button variant="default" {...gated(can.push, tags.length === 0)} onClick={() => setModal('push')}>
              Push…
            </Button>
            <Button
              variant="default"
              {...gated(can.save)}
              component="a"
              href={imageExportUrl(engine, tags[0] ?? image.Id)}
              download={saveName}
              aria-label={`Save ${name} as a tar`}
            >
              Save
            </Button>
            <Button color="red" variant="light" {...gated(can.remove)} onClick={() => setModal('remove')}>
              Remove…
            </Button>
            <CliHint command={`docker save -o ${saveName} ${name}`} label="CLI (save)" />
          </Group>
        )}
      </Group>
      <QueryState isPending={inspect.isPending} error={inspect.error}>
        {image && (
          <Tabs
            value={tab}
            onChange={(t) => t && navigate(`/images/${encodeURIComponent(id)}/${t === 'explore' ? 'layers/explore' : t}`)}
            keepMounted={false}
          >
            <Tabs.List>
              {TABS.map((t) => (
                <Tabs.Tab key={t} value={t}>
                  {t[0]?.toUpperCase() + t.slice(1)}
                </Tabs.Tab>
              ))}
              <Tabs.Tab value="explore">Layer explorer</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="overview" pt="md">
              <ImageOverviewTab image={image} />
            </Tabs.Panel>
            <Tabs.Panel value="layers" pt="md">
              <ImageLayersTab image={image} />
            </Tabs.Panel>
            <Tabs.Panel value="inspect" pt="md">
              <Suspense fallback={<Text>Loading…</Text>}>
                <ImageInspectTab image={image} />
              </Suspense>
            </Tabs.Panel>
          </Tabs>
        )}
      </QueryState>
      {image && (
        <>
          <TagModal opened={modal === 'tag'} onClose={() => setModal(null)} image={image} />
          <PushModal opened={modal === 'push'} onClose={() => setModal(null)} tags={tags} />
          <RemoveImageModal
            target={modal === 'remove' ? { ref: tags.length === 1 ? (tags[0] as string) : image.Id, id: image.Id } : null}
            onClose={() => setModal(null)}
            onRemoved={() => navigate('/images')}
          />
        </>
      )}
    </Stack>
  );
}
