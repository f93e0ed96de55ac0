import { useEffect, useRef, type ReactElement } from 'react';
import { noteProfileChanged, useProfileChanged } from '../api/profile-changed';
import { Notice } from '../components/notice';

/** An action refused because the active profile changed after it was reviewed: said until dismissed. */
export function ProfileChangedNotice(): ReactElement | null {
  const refused = useProfileChanged();
  const box = useRef<HTMLDivElement>(null);
  // Said at the top of the screen, while the button that was pressed may be far below.
  useEffect(() => {
    if (refused !== null) void box.current?.scrollIntoView({ block: 'nearest' });
  }, [refused]);
  if (refused === null) return null;
  return (
    <div role="alert" ref={box}>
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
