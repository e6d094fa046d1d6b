import http from 'node:http';
import net from 'node:net';
import Docker from 'dockerode';

/** Where an engine listens: a unix socket or a plain TCP address. */
export type EngineAddress = { socketPath: string } | { host: string; port: number };

export function parseDockerHost(dockerHost: string): EngineAddress {
  if (dockerHost.startsWith('unix://')) return { socketPath: dockerHost.slice('unix://'.length) };
  if (dockerHost.startsWith('/')) return { socketPath: dockerHost };
  const m = /^tcp:\/\/([^:/]+):(\d+)\/?$/.exec(dockerHost);
  if (m) return { host: m[1] as string, port: Number(m[2]) };
  throw new Error(`Unsupported DOCKER_HOST "${dockerHost}" (use unix:///path or tcp://host:port)`);
}

/** A named Docker engine connection: dockerode for typed calls, raw HTTP for the proxy. */
export class Engine {
  readonly docker: Docker;
  readonly address: EngineAddress;
  /**
   * Keep-alive matters: with `Connection: close` the engine may close the socket as soon as it
   * has answered, while the last write of a piped request body is still queued (EPIPE).
   */
  private readonly agent = new http.Agent({ keepAlive: true, maxFreeSockets: 16 });

  constructor(
    readonly id: string,
    readonly dockerHost: string,
  ) {
    this.address = parseDockerHost(dockerHost);
    this.docker = new Docker(this.address);
  }

  /** A raw HTTP request to the engine (used by the streaming proxy). */
  request(options: http.RequestOptions): http.ClientRequest {
    return http.request({ ...options, ...this.address, agent: this.agent });
  }

  /** A raw socket to the engine (used for hijacked exec/attach connections). */
  connect(): net.Socket {
    return 'socketPath' in this.address ? net.connect(this.address.socketPath) : net.connect(this.address.port, this.address.host);
  }

  close(): void {
    this.agent.destroy();
  }

  async reachable(): Promise<{ reachable: boolean; message?: string }> {
    try {
      await this.docker.ping();
      return { reachable: true };
    } catch (err) {
      return { reachable: false, message: (err as Error).message };
    }
  }
}

export class EngineRegistry {
  private readonly engines = new Map<string, Engine>();

  add(engine: Engine): void {
    this.engines.set(engine.id, engine);
  }

  get(id: string): Engine | undefined {
    return this.engines.get(id);
  }

  list(): Engine[] {
    return [...this.engines.values()];
  }
}
