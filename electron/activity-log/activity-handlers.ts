import type { activityContract } from '../../shared/contract/activity';
import type { SliceHandlers } from '../ipc-router';
import type { ActivityLog } from './activity-log';

export function activityHandlers({ activity }: { activity: ActivityLog }): SliceHandlers<typeof activityContract> {
  return {
    listActivity: ({ limit, before }) => activity.read({ limit: limit ?? 200, before }),
  };
}
