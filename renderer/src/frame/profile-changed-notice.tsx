import type { ReactElement } from 'react';
import { noteProfileChanged, useProfileChanged } from '../api/profile-changed';
import { Notice } from '../components/notice';

/** An action refused because the active profile changed after it was reviewed: said until dismissed. */
export function ProfileChangedNotice(): ReactElement | null {
  const refused = useProfileChanged();
  if (refused === null) return null;
  return (
    <div role="alert">
      <Notice tone="warn">
        <p>
          <strong>Refused:</strong> {refused} The screen now shows the active profile; review the action again there if
          you still want it.
        </p>
        <div className="actions">
          <button type="button" onClick={() => noteProfileChanged(null)}>
            Dismiss
          </button>
        </div>
      </Notice>
    </div>
  );
}
