import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CliHint } from '../../components/CliHint.tsx';
import { useEngine } from '../../lib/engine-status.tsx';
import { formatBytes } from '../../lib/format.ts';
import { buildCacheQuery, imageKeys, pruneBuildCache } from '../../lib/docker/images.ts';

/** `docker builder prune`: the preview is the unused build cache `/system/df` reports. */
export function BuildCachePrune() {
  const engine = useEngine();
  const client = useQueryClient();
  const cache = useQuery(buildCacheQuery(engine));
  const unused = (cache.data ?? []).filter((c) => !c.InUse);
  const bytes = unused.filter((c) => !c.Shared).reduce((s, c) => s + c.Size, 0);
  const prune = useMutation({
    mutationFn: () => pruneBuildCache(engine),
    onSuccess: () => void client.invalidateQueries({ queryKey: imageKeys.all(engine) }),
  });
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Text fw={600} size="sm">
          Build cache
        </Text>
        <Text size="sm" data-testid="build-cache-preview">
          {cache.isPending
            ? 'Reading the build cache…'
            : unused.length === 0
              ? 'No unused build cache.'
              : `${unused.length} unused cache records would be removed, freeing about ${formatBytes(bytes)}.`}
        </Text>
        {prune.data && (
          <Alert color="green" title="Build cache pruned">
            Removed {(prune.data.CachesDeleted ?? []).length} records; the engine reports {formatBytes(prune.data.SpaceReclaimed)}{' '}
            reclaimed.
          </Alert>
        )}
        {prune.error && (
          <Alert color="red" role="alert">
            {prune.error.message}
          </Alert>
        )}
        <Group justify="space-between">
          <CliHint command="docker builder prune --force" />
          <Button
            color="red"
            variant="light"
            size="xs"
            disabled={unused.length === 0 || prune.isSuccess}
            loading={prune.isPending}
            onClick={() => prune.mutate()}
          >
            {`Prune ${unused.length} build cache records`}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
