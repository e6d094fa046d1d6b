import { ApiError } from './api-client.ts';

/**
 * The title over a failed action's message: who failed it, in plain words. The engine's refusals
 * are the common case; a dropped connection, a deadline and Porthole's own role check are not the
 * engine's, and saying "The engine refused" over them points the user the wrong way.
 */
export function failureTitle(...errors: unknown[]): string {
  const statuses = new Set(errors.map((e) => (e instanceof ApiError ? e.status : undefined)));
  if (statuses.size !== 1) return 'The engine refused';
  switch ([...statuses][0]) {
    case 0:
      return 'The connection was lost';
    case 504:
      return 'No answer in time';
    case 403:
      return 'Not allowed';
    default:
      return 'The engine refused';
  }
}
