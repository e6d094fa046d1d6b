import { describe, expect, it } from 'vitest';
import { splitImageRef, withDefaultTag } from './image-ref.ts';

describe('splitImageRef', () => {
  it('splits a tag, defaults to latest, and keeps a registry port in the repository', () => {
    expect(splitImageRef('busybox')).toEqual({ repo: 'busybox', tag: 'latest' });
    expect(splitImageRef('busybox:1.36')).toEqual({ repo: 'busybox', tag: '1.36' });
    expect(splitImageRef('registry:5000/team/app')).toEqual({ repo: 'registry:5000/team/app', tag: 'latest' });
    expect(splitImageRef('registry:5000/team/app:v2')).toEqual({ repo: 'registry:5000/team/app', tag: 'v2' });
  });

  it('takes a digest as the tag', () => {
    expect(splitImageRef('alpine@sha256:abc')).toEqual({ repo: 'alpine', tag: 'sha256:abc' });
    expect(withDefaultTag('alpine@sha256:abc')).toBe('alpine@sha256:abc');
    expect(withDefaultTag('nginx')).toBe('nginx:latest');
  });
});
