import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client.ts';
import { failureTitle } from './failure-title.ts';

describe('failureTitle', () => {
  it.each([
    [[new ApiError(409, 'Conflict')], 'The engine refused'],
    [[new ApiError(500, 'Invalid signal')], 'The engine refused'],
    [[new ApiError(0, 'lost')], 'The connection was lost'],
    [[new ApiError(0, 'lost'), new ApiError(0, 'lost')], 'The connection was lost'],
    [[new ApiError(504, 'late')], 'No answer in time'],
    [[new ApiError(403, 'viewer may not stop containers')], 'Not allowed'],
    [[new ApiError(0, 'lost'), new ApiError(409, 'Conflict')], 'The engine refused'],
    [[new Error('plain')], 'The engine refused'],
  ])('%o → %s', (errors, title) => {
    expect(failureTitle(...errors)).toBe(title);
  });
});
