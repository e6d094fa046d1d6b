import { describe, expect, it } from 'vitest';
import { dockerFailure } from './errors.ts';

/** Builds an error shaped like the ones docker-modem throws for non-2xx answers. */
function modemError(statusCode: number, json: unknown, reason?: string): Error {
  return Object.assign(new Error(`(HTTP code ${statusCode}) unexpected - ${JSON.stringify(json)}`), { statusCode, json, reason });
}

describe('dockerFailure', () => {
  it('keeps 404 and the engine message', () => {
    expect(dockerFailure(modemError(404, { message: 'No such container: nope' }, 'no such container'))).toEqual({
      status: 404,
      message: 'No such container: nope',
    });
  });

  it('keeps 409 and the engine message', () => {
    const err = modemError(409, { message: 'Conflict. The container name "/web" is already in use' });
    expect(dockerFailure(err)).toEqual({ status: 409, message: 'Conflict. The container name "/web" is already in use' });
  });

  it('uses a plain-text body when the engine sends one', () => {
    expect(dockerFailure(modemError(500, '  page not found \n'))).toEqual({ status: 500, message: 'page not found' });
  });

  it('explains a 304 without an engine message', () => {
    const failure = dockerFailure(modemError(304, null, 'container already started'));
    expect(failure?.status).toBe(304);
    expect(failure?.message).toMatch(/already/);
  });

  it('falls back to the reason, then the error message', () => {
    expect(dockerFailure(modemError(400, null, 'bad parameter'))).toEqual({ status: 400, message: 'bad parameter' });
    expect(dockerFailure(modemError(400, null))?.message).toMatch(/HTTP code 400/);
  });

  it('maps an unreachable engine to 503', () => {
    for (const code of ['ECONNREFUSED', 'ENOENT', 'ECONNRESET']) {
      const err = Object.assign(new Error(`connect ${code} /var/run/docker.sock`), { code });
      expect(dockerFailure(err)).toEqual({ status: 503, message: `The Docker engine is not reachable (${code})` });
    }
  });

  it('ignores errors that are not the engine’s', () => {
    expect(dockerFailure(new Error('boom'))).toBeUndefined();
    expect(dockerFailure(Object.assign(new Error('bad'), { statusCode: 400 }))).toBeUndefined();
    expect(dockerFailure(undefined)).toBeUndefined();
    expect(dockerFailure('text')).toBeUndefined();
  });
});
