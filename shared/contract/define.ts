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

/**
 * The profile id the user reviewed an action for (money moved, a key or secret created or deleted):
 * main refuses it (`profile-changed`) when another profile is active by the time it is sent —
 * switched here or in the other window — so it never lands on an account nobody looked at.
 */
export const reviewedFor = z.string().min(1).max(200);
