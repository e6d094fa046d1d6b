import type { AuditLog } from '../../audit/audit-log.ts';
import type { TopicDefinition } from '../hub.ts';

/**
 * New audit log entries as they are written (admins only: `TOPIC_POLICIES`). One upstream per
 * engine id the subscriber named; every entry goes out, whatever its engine.
 */
export function createAuditTopic(audit: AuditLog): TopicDefinition<'audit'> {
  return {
    name: 'audit',
    delivery: { kind: 'stream', limit: 10_000 },
    key: () => 'all',
    open(ctx) {
      ctx.setState('live');
      const unsubscribe = audit.subscribe((entry) => ctx.emit(entry));
      return { close: unsubscribe };
    },
  };
}
