import { Type } from '@sinclair/typebox';
import type * as errors from '../errors.ts';
import type { Exactly } from './same-type.ts';

/** Every error response of the Porthole API has this body. */
export const ErrorBody = Type.Object({ message: Type.String() });
export type ErrorBody = Exactly<errors.ErrorBody, typeof ErrorBody, true>;
