/**
 * The one error type of the Porthole API, on both ends: an HTTP status and a message the user can
 * read. The server throws it (its one error handler answers `{ message }` with the status); the
 * browser's API client rejects with it, carrying the server's (or the engine's) message.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
