import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** For unit tests: an HTTP server on a unix socket in a fresh temp dir, standing in for an engine. */
export interface StandInEngine {
  dir: string;
  socket: string;
  /** Every connection it accepted, oldest first. */
  connections: net.Socket[];
  listen(): Promise<void>;
  /** Ends its connections, closes it and removes the temp dir. */
  close(): Promise<void>;
}

export function standInEngine(handler: http.RequestListener): StandInEngine {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'porthole-engine-'));
  const socket = path.join(dir, 'docker.sock');
  const server = http.createServer(handler);
  const connections: net.Socket[] = [];
  server.on('connection', (s: net.Socket) => connections.push(s));
  return {
    dir,
    socket,
    connections,
    listen: () => new Promise<void>((resolve) => server.listen(socket, () => resolve())),
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
