/**
 * Engine events, as both sides need them. An event's identity (the engine may send an event again
 * when a stream resumes with `since`): its time in nanoseconds, type, action and object.
 */
export const eventKey = (e: { timeNano: number; Type: string; Action: string; Actor?: { ID: string } }): string =>
  `${e.timeNano}|${e.Type}|${e.Action}|${e.Actor?.ID}`;
