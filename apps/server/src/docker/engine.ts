import type http from 'node:http';
import type net from 'node:net';
import { messageOf } from '../http/api-error.ts';
import { EngineApiClient } from './engine-api-client.ts';
import { type EngineEndpoint, type EngineTransport, openTransport } from './engine-transport.ts';

export interface EngineOptions {
  /** Where ssh:// engines' host keys are kept when none were given (trust on first use). */
  sshKnownHostsFile?: string;
}

/**
 * A named Docker engine connection: the engine interface (`EngineApi`, typed calls with
 * deadlines) over its transport (unix socket, TCP, TCP+TLS or ssh), which the proxy uses directly.
 */
export class Engine extends EngineApiClient {
  readonly dockerHost: string;
  private readonly transport: EngineTransport;

  constructor(
    readonly id: string,
    endpoint: EngineEndpoint | string,
    o: EngineOptions = {},
  ) {
    super();
    const e = typeof endpoint === 'string' ? { host: endpoint } : endpoint;
    this.dockerHost = e.host;
    this.transport = openTransport(e, { sshKnownHostsFile: o.sshKnownHostsFile ?? '/dev/null' });
  }

  /** A raw HTTP request to the engine (the engine interface's calls). */
  request(options: http.RequestOptions): http.ClientRequest {
    return this.transport.request(options);
  }

  /** A raw connection to the engine's API (the relay's pooled sockets, hijacked exec/attach). */
  connect(): net.Socket {
    return this.transport.connect();
  }

  close(): void {
    this.transport.close();
  }

  async reachable(): Promise<{ reachable: boolean; message?: string }> {
    try {
      await this.ping();
      return { reachable: true };
    } catch (err) {
      return { reachable: false, message: this.explain(err) };
    }
  }

  /** The message of a failed call, with the transport's own reason when it knows one (ssh's stderr). */
  explain(err: unknown): string {
    const below = this.transport.lastFailure();
    const message = messageOf(err);
    return below && !message.includes(below) ? `${message}: ${below}` : message;
  }
}
