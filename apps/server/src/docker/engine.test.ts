import { describe, expect, it } from 'vitest';
import { parseDockerHost } from './engine.ts';

describe('parseDockerHost', () => {
  it('reads unix sockets', () => {
    expect(parseDockerHost('unix:///var/run/docker.sock')).toEqual({ socketPath: '/var/run/docker.sock' });
    expect(parseDockerHost('/run/user/1000/docker.sock')).toEqual({ socketPath: '/run/user/1000/docker.sock' });
  });

  it('reads tcp addresses, with or without a trailing slash', () => {
    expect(parseDockerHost('tcp://127.0.0.1:2375')).toEqual({ host: '127.0.0.1', port: 2375 });
    expect(parseDockerHost('tcp://docker.internal:2376/')).toEqual({ host: 'docker.internal', port: 2376 });
  });

  it('rejects what it cannot connect to, naming the value', () => {
    expect(() => parseDockerHost('ssh://user@host')).toThrow(/Unsupported DOCKER_HOST "ssh:\/\/user@host"/);
    expect(() => parseDockerHost('tcp://host')).toThrow(/Unsupported/);
    expect(() => parseDockerHost('tcp://host:2375/prefix')).toThrow(/Unsupported/);
    expect(() => parseDockerHost('')).toThrow(/Unsupported/);
  });
});
