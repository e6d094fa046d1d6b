import { type Static, Type } from '@sinclair/typebox';

/** Every error response of the Porthole API has this body. */
export const ErrorBody = Type.Object({ message: Type.String() });
export type ErrorBody = Static<typeof ErrorBody>;
