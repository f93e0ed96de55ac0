import { z } from 'zod';
import type { ActivityEntry } from '../activity';
import { returns, slice } from './define';

/** Every signed call the app made, without secrets. */
export const activityContract = slice({
  listActivity: {
    input: z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict(),
    result: returns<ActivityEntry[]>(),
  },
});
