import { describe, expect, it } from 'vitest';
import { enginePath, switchedPath, viewPathOf } from './engine-paths.tsx';

describe('engine paths', () => {
  it('puts the engine in front of view paths only', () => {
    expect(enginePath('tls1', '/containers/abc/logs?q=x')).toBe('/engines/tls1/containers/abc/logs?q=x');
    expect(enginePath('tls1', '/')).toBe('/engines/tls1/');
    expect(enginePath('a b', '/images')).toBe('/engines/a%20b/images');
    for (const p of ['/settings', '/settings#password', '/login', '/engines', '/engines/x/containers', 'logs', '../x'])
      expect(enginePath('tls1', p)).toBe(p);
  });

  it('reads the view path back and keeps the view when switching engines', () => {
    expect(viewPathOf('/engines/local/containers/abc')).toBe('/containers/abc');
    expect(viewPathOf('/engines/local')).toBe('/');
    expect(viewPathOf('/engines/local/')).toBe('/');
    expect(viewPathOf('/engines')).toBeUndefined();
    expect(viewPathOf('/settings')).toBeUndefined();
    expect(switchedPath('/engines/local/containers/abc/logs', 'ssh1')).toBe('/engines/ssh1/containers');
    expect(switchedPath('/engines/local/', 'ssh1')).toBe('/engines/ssh1/');
    expect(switchedPath('/engines', 'ssh1')).toBe('/engines/ssh1/');
  });
});
