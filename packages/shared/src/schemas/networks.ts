import { Type } from '@sinclair/typebox';
import type * as networks from '../networks.ts';
import type { Exactly } from './same-type.ts';

/** Connectivity doctor: `POST /api/engines/:engine/containers/:id/doctor` (types in `../networks.ts`). */
export const DoctorRequest = Type.Object({
  target: Type.String({ minLength: 1, maxLength: 255, pattern: '^[a-zA-Z0-9][a-zA-Z0-9_.:-]*$' }),
  port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })),
});
export type DoctorRequest = Exactly<networks.DoctorRequest, typeof DoctorRequest, true>;

export const DoctorStep = Type.Object({
  ok: Type.Boolean(),
  skipped: Type.Optional(Type.Boolean()),
  tool: Type.Optional(Type.String()),
  command: Type.Optional(Type.String()),
  output: Type.Optional(Type.String()),
});
export type DoctorStep = Exactly<networks.DoctorStep, typeof DoctorStep, true>;

export const DoctorResult = Type.Object({
  source: Type.String(),
  target: Type.String(),
  port: Type.Optional(Type.Integer()),
  resolve: DoctorStep,
  address: Type.Optional(Type.String()),
  connect: Type.Optional(DoctorStep),
  ok: Type.Boolean(),
  /** Why it failed (or a caveat when it worked), each a sentence. */
  reasons: Type.Array(Type.Object({ code: Type.String(), message: Type.String() })),
  commonNetworks: Type.Array(Type.String()),
});
export type DoctorResult = Exactly<networks.DoctorResult, typeof DoctorResult, true>;
