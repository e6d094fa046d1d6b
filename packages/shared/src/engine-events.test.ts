import { describe, expect, it } from 'vitest';
import { execActionCommand, healthStatusOf, healthcheckExecCommand } from './engine-events.ts';

describe('healthcheck exec events', () => {
  it('writes the healthcheck command as the engine does in exec_* actions', () => {
    expect(healthcheckExecCommand(['CMD-SHELL', 'wget -q -O- http://127.0.0.1/'])).toBe('/bin/sh -c wget -q -O- http://127.0.0.1/');
    expect(healthcheckExecCommand(['CMD', 'true'])).toBe('true ');
    expect(healthcheckExecCommand(['CMD', 'a', 'b'])).toBe('a b');
    expect(healthcheckExecCommand(['CMD-SHELL', 'x'], ['/bin/bash', '-c'])).toBe('/bin/bash -c x');
    expect(healthcheckExecCommand(['NONE'])).toBeUndefined();
    expect(healthcheckExecCommand(undefined)).toBeUndefined();
  });

  it('reads exec commands and health statuses from actions', () => {
    expect(execActionCommand('exec_create: /bin/sh -c true')).toBe('/bin/sh -c true');
    expect(execActionCommand('exec_start: true ')).toBe('true ');
    expect(execActionCommand('exec_die')).toBeUndefined();
    expect(healthStatusOf({ Type: 'container', Action: 'health_status: unhealthy' })).toBe('unhealthy');
    expect(healthStatusOf({ Type: 'container', Action: 'start' })).toBeUndefined();
  });
});
