import { logMatcher } from '@porthole/shared/log-match';
import { LogsDownloadQuery } from '@porthole/shared/schemas/logs';
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { LogDemuxer, parseTimeSpec } from '../docker/log-demux.ts';
import { LogSieve } from '../docker/log-sieve.ts';
import { EngineHttpError, containerTty, openLogStream } from '../docker/logs.ts';

const STREAM_LABEL = ['', '', 'stderr '] as const;
/** Pause the engine stream above this many lines waiting for the search; resume below the low mark. */
const HIGH_MARK = 20_000;
const LOW_MARK = 5_000;
/** Write to the client in pieces of about this size. */
const WRITE_BYTES = 64 * 1024;

/**
 * `GET /api/engines/:engine/containers/:id/logs/download`: the log range and filter the view
 * shows, as a text file, streamed from the engine through the demuxer and the search filter
 * (never held in memory; the engine stream pauses while the client or the search is slow). The
 * search runs in time slices (`LogSieve`): however slow a pattern, the server stays responsive.
 */
export default async function logRoutes(app: FastifyInstance) {
  app.get(
    '/api/engines/:engine/containers/:id/logs/download',
    {
      schema: {
        params: Type.Object({ engine: Type.String(), id: Type.String({ pattern: '^[a-zA-Z0-9_.-]+$' }) }),
        querystring: LogsDownloadQuery,
      },
    },
    async (req, reply) => {
      const { engine: engineId, id } = req.params as { engine: string; id: string };
      const q = req.query as LogsDownloadQuery;
      const engine = app.engines.get(engineId);
      if (!engine) return reply.code(404).send({ message: `Unknown engine "${engineId}"` });
      let match: ((text: string) => boolean) | undefined;
      let since: string | undefined;
      let until: string | undefined;
      try {
        match = logMatcher(q.q ? { pattern: q.q, regex: q.regex, caseSensitive: q.caseSensitive } : undefined)?.test;
        since = parseTimeSpec(q.since);
        until = parseTimeSpec(q.until);
      } catch (err) {
        return reply.code(400).send({ message: (err as Error).message });
      }
      let tty: boolean;
      let name: string;
      try {
        const info = await containerTty(engine, id);
        tty = info.tty;
        name = info.id.slice(0, 12);
      } catch (err) {
        const status = (err as { statusCode?: number }).statusCode ?? 502;
        return reply.code(status).send({ message: (err as { json?: { message?: string } }).json?.message ?? (err as Error).message });
      }
      const tail = q.tail === undefined || q.tail === 'all' ? 'all' : Number(q.tail);
      let source: Awaited<ReturnType<typeof openLogStream>>;
      try {
        source = await openLogStream(engine, id, { follow: false, tail, since, until });
      } catch (err) {
        const status = err instanceof EngineHttpError ? err.status : 502;
        return reply.code(status).send({ message: (err as Error).message });
      }
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/plain; charset=utf-8',
        'content-disposition': `attachment; filename="${name}-logs.txt"`,
      });
      let out = '';
      const write = () => {
        if (out) res.write(out);
        out = '';
      };
      const sieve = new LogSieve(match, {
        line: ([t, s, l]) => {
          out += `${q.timestamps && t ? `${t} ` : ''}${STREAM_LABEL[s]}${l}\n`;
          if (out.length >= WRITE_BYTES) write();
        },
        ready: () => !res.writableNeedDrain,
        sliceDone: () => {
          write();
          if (source.isPaused() && sieve.backlog < LOW_MARK && !res.writableNeedDrain) source.resume();
        },
        end: () => {
          write();
          res.end();
        },
      });
      const demux = new LogDemuxer(tty, (line) => sieve.push(line));
      res.on('drain', () => sieve.resume());
      source.on('data', (chunk: Buffer) => {
        demux.push(chunk);
        if (sieve.backlog > HIGH_MARK) source.pause();
      });
      source.once('end', () => {
        demux.end();
        sieve.end();
      });
      source.once('error', () => {
        sieve.close();
        res.destroy();
      });
      res.once('close', () => {
        sieve.close();
        source.destroy();
      });
    },
  );
}
