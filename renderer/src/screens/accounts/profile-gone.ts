import type { QueryClient } from '@tanstack/react-query';
import { failureIs } from '../../../../shared/errors';
import type { ProfilesView } from '../../../../shared/profiles';
import { channelKey } from '../../api/hooks';
import { tellOutcome, type Told } from '../../frame/outcomes';

/**
 * An action on a profile was refused as `not-found`: it may have been removed in another window.
 * The list is read again, and if the profile is no longer in it its card goes — with the error it
 * showed — so the frame says what happened instead (`told`). Anything else is left to the card.
 */
export async function followIfGone(
  queries: QueryClient,
  error: unknown,
  profileId: string,
  told: Omit<Told, 'tone'> & { tone?: Told['tone'] },
): Promise<void> {
  if (!failureIs(error, 'not-found')) return;
  await queries.refetchQueries({ queryKey: channelKey('listProfiles') });
  const view = queries.getQueryData<ProfilesView>(channelKey('listProfiles', {}));
  if (view && !view.profiles.some((p) => p.id === profileId)) tellOutcome({ tone: 'warn', ...told });
}
