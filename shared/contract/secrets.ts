import { slice } from './define';

/** Chute secrets of the active profile's account (reference §6): filled by the Secrets screen. */
export const secretsContract = slice({});
