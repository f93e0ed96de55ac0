import { slice } from './define';

/** Registration wizard (reference §2): filled by the Register screen. */
export const registrationContract = slice({});
