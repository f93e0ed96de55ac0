import { z } from 'zod';

/**
 * Building blocks of contract slices. A slice maps channel → `{ input, result }`: `input` is the
 * zod schema main validates every payload with; `result` carries only a type (`returns<T>()`).
 */
export const returns = <T>(): T => undefined as T;

/** For channels that take nothing. */
export const empty = z.object({}).strict();

export interface ChannelSpec {
  input: z.ZodType;
  result: unknown;
}

/** Checks a slice's shape without widening its literal type. */
export function slice<const S extends Record<string, ChannelSpec>>(spec: S): S {
  return spec;
}
