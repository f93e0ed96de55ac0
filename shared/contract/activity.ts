import { z } from 'zod';
import { ACTIVITY_TIME, type ActivityPage } from '../activity';
import { returns, slice } from './define';

/** Every signed call the app made, without secrets. */
export const activityContract = slice({
  listActivity: {
    input: z
      .object({
        limit: z.number().int().min(1).max(1000).optional(),
        /** Only calls started before this time (exclusive): the oldest one shown, for the page before it. */
        before: z.string().regex(ACTIVITY_TIME, 'Give the time as the activity log writes it').optional(),
      })
      .strict(),
    result: returns<ActivityPage>(),
  },
});
