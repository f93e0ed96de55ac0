/** The broad classes of failure; `reason` (failure-reasons.ts) says exactly what happened. */
export const ERROR_CODES = [
  'invalid-input',
  'network',
  'unauthorized',
  'forbidden',
  'clock-skew',
  'keychain-unavailable',
  'not-found',
  'conflict',
  'rate-limited',
  'payload-too-large',
  'server',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
