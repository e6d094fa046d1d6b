import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ContainerParams } from '@porthole/shared/schemas/engine-params';
import { logMatcher } from '@porthole/shared/log-match';
import { LogsDownloadQuery } from '@porthole/shared/schemas/logs';
import { parseTimeSpec } from '../docker/log-demux.ts';
import { LogSieve, feedSieve } from '../docker/log-sieve.ts';
import { containerTty, logFileName } from '../docker/logs.ts';
import { clientGone } from '../http/client-gone.ts';
import { ApiError, messageOf } from '../http/api-error.ts';

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
const logRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/engines/:engine/containers/:id/logs/download',
    { schema: { params: ContainerParams, querystring: LogsDownloadQuery } },
    async (req, reply) => {
      const { engine, params, query: q } = req;
      let match: ((text: string) => boolean) | undefined;
      let since: string | undefined;
      let until: string | undefined;
      try {
        match = logMatcher(q.q ? { pattern: q.q, regex: q.regex, caseSensitive: q.caseSensitive } : undefined)?.test;
        since = parseTimeSpec(q.since);
        until = parseTimeSpec(q.until);
      } catch (err) {
        throw new ApiError(400, messageOf(err));
      }
      const info = await containerTty(engine, params.id);
      const tail = q.tail === undefined || q.tail === 'all' ? 'all' : Number(q.tail);
      // A client that left while the engine was asked ends the engine's stream too (`close` below
      // comes too late for it: a stream nobody reads holds an engine connection for good).
      const source = await engine.containerLogs(params.id, { follow: false, tail, since, until }, { signal: clientGone(req, reply) });
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/plain; charset=utf-8',
        'content-disposition': `attachment; filename="${logFileName(info)}"`,
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
      res.on('drain', () => sieve.resume());
      feedSieve(source, info.tty, sieve, HIGH_MARK);
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
};

export default logRoutes;
