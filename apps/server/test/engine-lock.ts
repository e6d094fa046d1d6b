import http from 'node:http';
import { engineSocketPath } from './counting-proxy.ts';

/**
 * Holds a container's lock in the engine until `destroy()`: a `PUT /containers/{id}/archive`
 * (`docker cp` into it) whose tar never finishes. While it lasts the engine answers nothing about
 * that container (inspect, stats), and while a stats stream of it is open, no stats of any
 * container (its stats collector waits on the lock) — what a stuck upload, or anyone's slow
 * `docker cp`, does.
 */
export function holdContainerLock(id: string, socketPath = engineSocketPath()): http.ClientRequest {
  const req = http.request({
    socketPath,
    method: 'PUT',
    path: `/containers/${id}/archive?path=/`,
    headers: { 'content-type': 'application/x-tar', 'content-length': 10240 },
  });
  req.on('error', () => {});
  req.write(Buffer.alloc(512, 0x61));
  return req;
}
