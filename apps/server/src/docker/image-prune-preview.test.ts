import { describe, expect, it } from 'vitest';
import { chainIds, matchLabels, type PruneImage, type PruneSource, prunePreview } from './image-prune-preview.ts';

const img = (Id: string, ParentId: string, tags: string[] | null, Labels: Record<string, string> | null = null): PruneImage => ({
  Id,
  ParentId,
  RepoTags: tags,
  Created: 1,
  Size: 10,
  Labels,
});

function source(images: PruneImage[], used: string[], layers: Record<string, string[]>, sizes: Record<string, number>): PruneSource {
  return {
    listImages: async () => images,
    containerImageIds: async () => new Set(used),
    layers: async (id) => ({ diffIds: layers[id] ?? [], sizes: (layers[id] ?? []).map((d) => sizes[d] ?? 0) }),
  };
}

describe('prune preview', () => {
  it('computes chain ids like the engine', () => {
    const [a, b] = chainIds(['sha256:aa', 'sha256:bb']);
    expect(a).toBe('sha256:aa');
    expect(b).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(chainIds(['sha256:cc', 'sha256:bb'])[1]).not.toBe(b);
  });

  it('matches label filters', () => {
    expect(matchLabels({ label: ['a=1'] }, { a: '1' })).toBe(true);
    expect(matchLabels({ label: ['a=1'] }, { a: '2' })).toBe(false);
    expect(matchLabels({ label: ['a'] }, { a: '' })).toBe(true);
    expect(matchLabels({ 'label!': ['a'] }, { a: '' })).toBe(false);
  });

  it('takes dangling heads with their untagged parents, skips used and unlabelled ones, and counts only freed layers', async () => {
    const L = { run: 'x' };
    const images = [
      img('base', '', ['base:1']),
      img('mid1', 'base', null),
      img('old', 'mid1', null, L), // dangling head: goes, with mid1
      img('mid2', 'base', null),
      img('new', 'mid2', ['app:1'], L), // tagged: stays (dangling mode)
      img('used', 'base', null, L), // a container uses it
      img('other', 'base', null, { run: 'y' }), // another run's
    ];
    const layers = {
      base: ['sha256:b'],
      mid1: ['sha256:b', 'sha256:m1'],
      old: ['sha256:b', 'sha256:m1'],
      mid2: ['sha256:b', 'sha256:m2'],
      new: ['sha256:b', 'sha256:m2'],
      used: ['sha256:b', 'sha256:u'],
      other: ['sha256:b', 'sha256:o'],
    };
    const p = await prunePreview(source(images, ['used'], layers, { 'sha256:b': 100, 'sha256:m1': 7, 'sha256:m2': 9 }), {
      all: false,
      filters: { label: ['run=x'] },
    });
    expect(p.images.map((i) => i.id).sort()).toEqual(['mid1', 'old']);
    expect(p.freedBytes).toBe(7);

    const all = await prunePreview(source(images, ['used'], layers, { 'sha256:b': 100, 'sha256:m1': 7, 'sha256:m2': 9 }), {
      all: true,
      filters: { label: ['run=x'] },
    });
    expect(all.images.map((i) => i.id).sort()).toEqual(['mid1', 'mid2', 'new', 'old']);
    expect(all.freedBytes).toBe(16);
  });
});
