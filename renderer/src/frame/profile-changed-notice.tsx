import type { ReactElement } from 'react';
import { dismissProfileChanged, useProfileChanged } from '../api/profile-changed';
import { DismissibleAlert } from '../components/dismissible-alert';

/** An action refused because the active profile changed after it was reviewed: said until dismissed. */
export function ProfileChangedNotice(): ReactElement | null {
  const refused = useProfileChanged();
  if (refused === null) return null;
  return (
    <DismissibleAlert key={refused} onDismiss={dismissProfileChanged}>
      <p>{refused} The screen now shows the active profile; review the action again there if you still want it.</p>
    </DismissibleAlert>
  );
}
