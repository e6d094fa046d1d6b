/** Every error response of the Porthole API has this body (schema: `schemas/errors.ts`). */
export interface ErrorBody {
  message: string;
}
