import { describe, expect, it } from 'vitest';
import { CONTAINER_ACTIONS, acceptedActions, accepts, actionCommand, applicableCount } from './container-actions.ts';

describe('container actions', () => {
  it('offers start only to stopped containers, and nothing in a state the engine does not report', () => {
    expect(CONTAINER_ACTIONS.filter((a) => accepts('running', a))).toEqual(['stop', 'restart', 'kill', 'pause']);
    expect(accepts('exited', 'start')).toBe(true);
    expect(accepts('running', 'start')).toBe(false);
    expect(acceptedActions('dead')).toEqual(['remove']);
    expect(acceptedActions('toString')).toEqual([]);
  });

  it('counts the selected containers an action applies to, and names its command', () => {
    expect(applicableCount(['running', 'exited', 'paused'], 'start')).toBe(1);
    expect(actionCommand('remove', 'web')).toBe('docker rm web');
    expect(actionCommand('unpause', 'web')).toBe('docker unpause web');
  });
});
