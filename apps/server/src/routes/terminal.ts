import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Me } from '@porthole/shared/auth';
import { ContainerParams } from '@porthole/shared/schemas/engine-params';
import { splitShellWords } from '@porthole/shared/shell-words';
import { TerminalQuery } from '@porthole/shared/schemas/terminal';
import type { WebSocket } from 'ws';
import type { Credential } from '../auth/store.ts';
import { startExec } from '../docker/exec-session.ts';
import { assertNoHostAccess } from '../policy/host-access.ts';
import { messageOf } from '../http/api-error.ts';
import { auditBase, auditTargetOf } from '../plugins/audit.ts';

/**
 * `GET /api/engines/:engine/containers/:id/terminal` (websocket): an interactive exec session.
 * Binary frames carry keystrokes in and terminal output out; text frames carry JSON control
 * messages (`{type:'resize', cols, rows}` in; `{type:'exit', code}` / `{type:'error', message}`
 * out). `cmd` is one command line, split into words like a POSIX shell does (quotes and
 * backslashes, no expansion). Closing the websocket ends the session's stream.
 */
const terminalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/engines/:engine/containers/:id/terminal',
    {
      websocket: true,
      schema: { params: ContainerParams, querystring: TerminalQuery },
    },
    (socket: WebSocket, req) => {
      // Signing out or deleting the token ends the session (the exec stream closes with the socket).
      const untrack = app.connections.track(req.credential as Credential, (req.user as Me).id, () => socket.terminate());
      socket.once('close', untrack);
      const { engine, query: q } = req;
      const { id } = req.params;
      // The upgrade bypasses the audit hook's onResponse: the opening is recorded here.
      app.audit.record({ ...auditBase(req), action: 'container.terminal', ...auditTargetOf(id), result: 'ok', status: 101, message: null });
      const send = (msg: object) => socket.readyState === socket.OPEN && socket.send(JSON.stringify(msg));
      // The command line is split like a shell would (`sh -c "echo a b"` is three words); a
      // line no shell could split (an unterminated quote…) is refused before any exec starts.
      const split = splitShellWords(q.cmd ?? 'sh');
      if (!split.ok) {
        send({ type: 'error', message: `Invalid command: ${split.error}` });
        return socket.close(1008, 'Invalid command');
      }
      let ended = false;
      let pending: Buffer[] = [];
      let session: Awaited<ReturnType<typeof startExec>> | undefined;
      // A container with host access (privileged, the Docker socket mounted…) is an admin's to enter.
      ((req.user as Me).role === 'admin'
        ? Promise.resolve(id)
        : assertNoHostAccess(engine, id, (req.user as Me).role, 'open a terminal in')
      )
        // The id that was checked, not the name (which a rename could move meanwhile).
        .then((checked) =>
          startExec(engine, checked ?? id, { cmd: split.words, user: q.user, workdir: q.workdir, cols: q.cols ?? 80, rows: q.rows ?? 24 }),
        )
        .then((s) => {
          if (ended) return s.stream.destroy();
          session = s;
          for (const p of pending) s.stream.write(p);
          pending = [];
          s.stream.on('data', (chunk: Buffer) => {
            if (socket.readyState === socket.OPEN) socket.send(chunk, { binary: true });
          });
          s.stream.once('close', async () => {
            const code = await s.exitCode().catch(() => undefined);
            send({ type: 'exit', code });
            socket.close(1000);
          });
          s.stream.once('error', () => socket.close(1011));
          send({ type: 'ready' });
        })
        .catch((err) => {
          send({ type: 'error', message: messageOf(err) });
          socket.close(1011);
        });

      socket.on('message', (data: Buffer, isBinary: boolean) => {
        if (isBinary) {
          if (session) session.stream.write(data);
          else pending.push(data);
          return;
        }
        try {
          const msg = JSON.parse(data.toString()) as { type?: string; cols?: number; rows?: number };
          if (msg.type === 'resize' && session && Number.isInteger(msg.cols) && Number.isInteger(msg.rows)) {
            const cols = Math.min(Math.max(msg.cols as number, 1), 1000);
            const rows = Math.min(Math.max(msg.rows as number, 1), 1000);
            session.resize(cols, rows).catch((err) => req.log.debug({ err }, 'exec resize failed'));
          }
        } catch {
          send({ type: 'error', message: 'Invalid control message' });
        }
      });
      socket.on('close', () => {
        ended = true;
        session?.stream.end();
        session?.stream.destroy();
      });
    },
  );
};

export default terminalRoutes;
