import { LogsDownloadQuery } from '@porthole/shared/logs';
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { LogDemuxer, parseTimeSpec } from '../docker/log-demux.ts';
import { logMatcher } from '../docker/log-search.ts';
import { EngineHttpError, containerTty, openLogStream } from '../docker/logs.ts';

const STREAM_LABEL = ['', '', 'stderr '] as const;

/**
 * `GET /api/engines/:engine/containers/:id/logs/download`: the log range and filter the view
 * shows, as a text file, streamed from the engine through the demuxer and the search filter
 * (never held in memory; the engine stream pauses while the client is slow).
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
      let match: ((s: string) => boolean) | undefined;
      let since: string | undefined;
      let until: string | undefined;
      try {
        match = logMatcher(q.q ? { pattern: q.q, regex: q.regex, caseSensitive: q.caseSensitive } : undefined);
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
      const demux = new LogDemuxer(tty, ([t, s, l]) => {
        if (match && !match(l)) return;
        out += `${q.timestamps && t ? `${t} ` : ''}${STREAM_LABEL[s]}${l}\n`;
      });
      source.on('data', (chunk: Buffer) => {
        demux.push(chunk);
        if (out && !res.write(out)) {
          source.pause();
          res.once('drain', () => source.resume());
        }
        out = '';
      });
      source.once('end', () => {
        demux.end();
        res.end(out);
      });
      source.once('error', () => res.destroy());
      res.once('close', () => source.destroy());
    },
  );
}
