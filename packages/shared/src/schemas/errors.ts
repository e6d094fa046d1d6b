import { type Static, Type } from '@sinclair/typebox';
import type * as errors from '../errors.ts';
import type { Check, Same } from './same-type.ts';

/** Every error response of the Porthole API has this body. */
export const ErrorBody = Type.Object({ message: Type.String() });
export type ErrorBody = errors.ErrorBody;

export type SchemaChecks = [Check<Same<Static<typeof ErrorBody>, errors.ErrorBody>>];
