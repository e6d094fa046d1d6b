import http from 'node:http';
import net from 'node:net';
import { ApiError, messageOf } from '../http/api-error.ts';
import { EngineApiClient } from './engine-api-client.ts';

/** Where an engine listens: a unix socket or a plain TCP address. */
export type EngineAddress = { socketPath: string } | { host: string; port: number };

export function parseDockerHost(dockerHost: string): EngineAddress {
  if (dockerHost.startsWith('unix://')) return { socketPath: dockerHost.slice('unix://'.length) };
  if (dockerHost.startsWith('/')) return { socketPath: dockerHost };
  const m = /^tcp:\/\/([^:/]+):(\d+)\/?$/.exec(dockerHost);
  if (m) return { host: m[1] as string, port: Number(m[2]) };
  throw new Error(`Unsupported DOCKER_HOST "${dockerHost}" (use unix:///path or tcp://host:port)`);
}

/**
 * A named Docker engine connection: the engine interface (`EngineApi`, typed calls with
 * deadlines) over a raw HTTP transport, which the proxy uses directly.
 */
export class Engine extends EngineApiClient {
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
    super();
    this.address = parseDockerHost(dockerHost);
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
      await this.ping();
      return { reachable: true };
    } catch (err) {
      return { reachable: false, message: messageOf(err) };
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

  /** The engine with this id, or the one "unknown engine" error (404) every route and socket answers. */
  require(id: string): Engine {
    const engine = this.engines.get(id);
    if (!engine) throw new ApiError(404, `Unknown engine "${id}"`);
    return engine;
  }

  list(): Engine[] {
    return [...this.engines.values()];
  }
}
