import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, apiFetch } from './api-client.ts';

/** fetch failing the way a dropped connection does (Chromium's ERR_NETWORK_CHANGED). */
const dropped = () => new TypeError('Failed to fetch');
const ok = () => new Response(JSON.stringify({ ok: true }), { status: 200, headers: { 'content-type': 'application/json' } });

describe('requests whose connection drops before an answer', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    vi.useFakeTimers();
    fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  async function settle<T>(p: Promise<T>): Promise<{ value?: T; error?: unknown }> {
    const out = p.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    await vi.runAllTimersAsync();
    return out;
  }

  for (const method of ['GET', 'HEAD', undefined]) {
    it(`sends a ${method ?? 'default'} request again and returns its answer`, async () => {
      fetchMock.mockRejectedValueOnce(dropped()).mockRejectedValueOnce(dropped()).mockResolvedValueOnce(ok());
      const res = await settle(apiFetch('/api/x', method ? { method } : {}));
      expect(res.error).toBeUndefined();
      expect(res.value?.status).toBe(200);
      expect(fetchMock).toHaveBeenCalledTimes(3);
    });
  }

  it('a sign-in (marked repeatable) is sent again', async () => {
    fetchMock.mockRejectedValueOnce(dropped()).mockResolvedValueOnce(ok());
    const res = await settle(api('/api/auth/login', { method: 'POST', body: { username: 'a', password: 'b' }, repeatable: true }));
    expect(res.value).toEqual({ ok: true });
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'post']) {
    it(`a ${method} change is not sent twice, and says the change may have been made`, async () => {
      fetchMock.mockRejectedValue(dropped());
      const res = await settle(apiFetch('/api/x', { method, body: { a: 1 } }));
      expect(fetchMock).toHaveBeenCalledTimes(1);
      expect(res.error).toBeInstanceOf(ApiError);
      expect((res.error as ApiError).message).toMatch(/check whether the change was made/);
    });
  }

  it('gives up after the resends with a plain message, not "Failed to fetch"', async () => {
    fetchMock.mockRejectedValue(dropped());
    const res = await settle(apiFetch('/api/x'));
    expect(fetchMock).toHaveBeenCalledTimes(3);
    expect((res.error as Error).message).toBe('Porthole could not be reached: the connection was lost');
  });

  it('an aborted request is not sent again', async () => {
    const ctrl = new AbortController();
    ctrl.abort();
    fetchMock.mockRejectedValue(new DOMException('aborted', 'AbortError'));
    const res = await settle(apiFetch('/api/x', { signal: ctrl.signal }));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect((res.error as Error).name).toBe('AbortError');
  });

  it('an HTTP error answer is not sent again', async () => {
    fetchMock.mockResolvedValue(new Response(JSON.stringify({ message: 'no such container' }), { status: 404 }));
    const res = await settle(apiFetch('/api/x'));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect((res.error as ApiError).message).toBe('no such container');
  });
});
