import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { SshBridge } from './ssh-bridge.ts';

/** Where an engine listens, parsed from its host URL. */
export type EngineAddress =
  | { kind: 'unix'; socketPath: string }
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'ssh'; user: string; host: string; port: number };

export interface EngineTls {
  ca?: string;
  cert?: string;
  key?: string;
  /** Check the engine's certificate against `ca` (default true). */
  verify: boolean;
}

/** How to reach an engine: its host URL and the credentials the URL's scheme needs. */
export interface EngineEndpoint {
  host: string;
  /** Only with tcp://: the connection is TLS. */
  tls?: EngineTls;
  /** Only with ssh://. `knownHosts`: the engine host's key lines (else the first key seen is trusted and kept). */
  ssh?: { privateKey: string; knownHosts?: string };
}

const HOST_FORMS = 'unix:///path, tcp://host:port or ssh://user@host[:port]';

export function parseEngineHost(host: string): EngineAddress {
  if (host.startsWith('unix://') && host.length > 'unix://'.length) return { kind: 'unix', socketPath: host.slice('unix://'.length) };
  if (host.startsWith('/')) return { kind: 'unix', socketPath: host };
  const tcp = /^tcp:\/\/([A-Za-z0-9][A-Za-z0-9.-]*|\[[0-9a-fA-F:]+\]):(\d{1,5})\/?$/.exec(host);
  if (tcp && Number(tcp[2]) <= 65535) return { kind: 'tcp', host: unbracket(tcp[1] as string), port: Number(tcp[2]) };
  const ssh = /^ssh:\/\/([A-Za-z0-9_][A-Za-z0-9._-]*)@([A-Za-z0-9][A-Za-z0-9.-]*|\[[0-9a-fA-F:]+\])(?::(\d{1,5}))?\/?$/.exec(host);
  if (ssh && Number(ssh[3] ?? 22) <= 65535)
    return { kind: 'ssh', user: ssh[1] as string, host: unbracket(ssh[2] as string), port: Number(ssh[3] ?? 22) };
  throw new Error(`Unsupported engine host "${host}" (use ${HOST_FORMS})`);
}

const unbracket = (h: string) => h.replace(/^\[(.*)\]$/, '$1');

/** One engine's connections: HTTP requests (a keep-alive agent) and raw sockets (relay pool, hijacks). */
export interface EngineTransport {
  request(options: http.RequestOptions): http.ClientRequest;
  connect(): net.Socket;
  /** A readable reason of the last failure below HTTP (an ssh error), if the transport knows one. */
  lastFailure(): string | undefined;
  close(): void;
}

/**
 * Keep-alive matters: with `Connection: close` the engine may close the socket as soon as it has
 * answered, while the last write of a piped request body is still queued (EPIPE).
 */
const AGENT_OPTIONS = { keepAlive: true, maxFreeSockets: 16 };

/** The transport of an endpoint: unix socket, plain TCP, TCP+TLS, or ssh (bridged to a private unix socket). */
export function openTransport(endpoint: EngineEndpoint, o: { sshKnownHostsFile: string }): EngineTransport {
  const address = parseEngineHost(endpoint.host);
  if (address.kind === 'unix') return socketTransport(address.socketPath);
  if (address.kind === 'ssh') {
    if (!endpoint.ssh) throw new Error('An ssh:// engine needs a private key');
    const bridge = new SshBridge(address, endpoint.ssh, o.sshKnownHostsFile);
    const inner = socketTransport(bridge.socketPath);
    const close = () => {
      inner.close();
      bridge.close();
    };
    return { ...inner, lastFailure: () => bridge.lastError, close };
  }
  if (!endpoint.tls) {
    const agent = new http.Agent(AGENT_OPTIONS);
    return {
      request: (options) => http.request({ ...options, host: address.host, port: address.port, agent }),
      connect: () => net.connect(address.port, address.host),
      lastFailure: () => undefined,
      close: () => agent.destroy(),
    };
  }
  const t = endpoint.tls;
  const secure = {
    ca: t.ca || undefined,
    cert: t.cert || undefined,
    key: t.key || undefined,
    rejectUnauthorized: t.verify,
    // The name the certificate must carry: the engine's host, not the `Host: docker` header
    // requests send (Node would take that). '' for an address: no SNI, checked against the IP.
    servername: net.isIP(address.host) ? '' : address.host,
  };
  const agent = new https.Agent({ ...AGENT_OPTIONS, ...secure });
  return {
    request: (options) => https.request({ ...options, host: address.host, port: address.port, agent }),
    connect: () => tls.connect({ host: address.host, port: address.port, ...secure }),
    lastFailure: () => undefined,
    close: () => agent.destroy(),
  };
}

function socketTransport(socketPath: string): EngineTransport {
  const agent = new http.Agent(AGENT_OPTIONS);
  return {
    request: (options) => http.request({ ...options, socketPath, agent }),
    connect: () => net.connect(socketPath),
    lastFailure: () => undefined,
    close: () => agent.destroy(),
  };
}
