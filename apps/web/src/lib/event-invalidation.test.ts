import type { EngineEvent } from '@porthole/shared/live';
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { invalidateForEvent } from './event-invalidation.ts';

const ID = 'c0ffee1234567890';
const event = (Action: string, Type = 'container'): EngineEvent => ({
  Type,
  Action,
  Actor: { ID, Attributes: { name: 'web' } },
  time: 0,
  timeNano: 0,
});

/** Which of these cached queries an event leaves invalidated. */
function invalidatedBy(e: EngineEvent, keys: string[][]): string[] {
  const client = new QueryClient();
  for (const k of keys) client.setQueryData(k, 1);
  invalidateForEvent(client, 'local', e);
  return keys.filter((k) => client.getQueryState(k)?.isInvalidated).map((k) => k.slice(2).join(' '));
}

const files = ['engine', 'local', 'container-files', ID, '/data'];
const filesByName = ['engine', 'local', 'container-files', 'web', '/'];
const otherFiles = ['engine', 'local', 'container-files', 'deadbeef', '/'];
const top = ['engine', 'local', 'containers', 'top', ID, ''];
const list = ['engine', 'local', 'containers', 'list'];
const all = [files, filesByName, otherFiles, top, list];

describe('invalidateForEvent', () => {
  it('ignores the events a read causes (a listing or docker top would refetch itself forever)', () => {
    expect(invalidatedBy(event('archive-path'), all)).toEqual([]);
    expect(invalidatedBy(event('top'), all)).toEqual([]);
  });

  it('refreshes that container’s file listings (by id or name) when its files may have changed', () => {
    for (const action of ['extract-to-dir', 'exec_die', 'destroy']) {
      expect(invalidatedBy(event(action), all)).toEqual([
        `container-files ${ID} /data`,
        'container-files web /',
        `containers top ${ID} `,
        'containers list',
      ]);
    }
  });

  it('does not re-read file listings on unrelated container events', () => {
    expect(invalidatedBy(event('start'), all)).toEqual([`containers top ${ID} `, 'containers list']);
    expect(invalidatedBy(event('pull', 'image'), all)).toEqual([]);
  });
});
