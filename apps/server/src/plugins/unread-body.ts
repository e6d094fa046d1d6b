import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { dropUnreadBody } from '../http/unread-body.ts';

/**
 * Every answer given before its request's body was read waits for a small body to arrive (and drops
 * it), so that a client still sending reads the answer, not a broken pipe (`dropUnreadBody`). A body
 * refused for its size (413) is not taken in.
 */
export default fp(
  async (app: FastifyInstance) => {
    app.addHook('onSend', async (req, reply, payload) => {
      if (reply.statusCode !== 413) await dropUnreadBody(req.raw);
      return payload;
    });
  },
  { name: 'unread-body' },
);
