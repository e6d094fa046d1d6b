import { describe, expect, it } from 'vitest';
import { withBuildDefaults } from './proxy.ts';

describe('withBuildDefaults', () => {
  it('adds forcerm=1 to a build unless the client chose', () => {
    expect(withBuildDefaults('POST', '/v1.41/build?rm=1&t=x')).toBe('/v1.41/build?rm=1&t=x&forcerm=1');
    expect(withBuildDefaults('POST', '/build')).toBe('/build?forcerm=1');
    expect(withBuildDefaults('POST', '/v1.41/build?forcerm=0')).toBe('/v1.41/build?forcerm=0');
    expect(withBuildDefaults('GET', '/v1.41/build')).toBe('/v1.41/build');
    expect(withBuildDefaults('POST', '/v1.41/build/prune')).toBe('/v1.41/build/prune');
  });
});
