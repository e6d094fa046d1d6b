import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AuditPage, AuditQuery } from '@porthole/shared/schemas/audit';
import { auditCsv } from '../audit/audit-export.ts';

/** An export holds at most this many entries unless `limit` says otherwise. */
const EXPORT_LIMIT = 10_000;

/**
 * `GET /api/audit` (admin): the audit log, newest first, filtered by user, action (`container.`
 * for every container action), target, result and time; paged with `cursor`. `format=csv|json`
 * downloads the matching entries as a file.
 */
const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/audit', { schema: { querystring: AuditQuery, response: { 200: AuditPage } } }, async (req, reply) => {
    const { format, ...filters } = req.query;
    if (!format) return app.audit.query(filters);
    const { entries } = app.audit.query({ ...filters, limit: filters.limit ?? EXPORT_LIMIT });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    reply.header('content-disposition', `attachment; filename="porthole-audit-${stamp}.${format}"`);
    const file = format === 'csv' ? auditCsv(entries) : JSON.stringify(entries);
    // A file, not the page schema: sent as bytes (which no serializer touches).
    return reply.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json').send(Buffer.from(file) as never);
  });
};

export default auditRoutes;
