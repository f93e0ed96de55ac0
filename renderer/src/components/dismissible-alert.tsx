import { useEffect, useRef, type ReactElement, type ReactNode } from 'react';
import { Notice } from './notice';

/**
 * Something the user must read that outlives the screen that caused it (a frame notice): announced,
 * scrolled into view when it appears — the button pressed may be far below — and kept until dismissed.
 */
export function DismissibleAlert({
  children,
  onDismiss,
}: {
  children: ReactNode;
  onDismiss: () => void;
}): ReactElement {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    void box.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  return (
    <div role="alert" ref={box}>
      <Notice tone="warn">
        {children}
        <div className="actions">
          <button type="button" onClick={onDismiss}>
            Dismiss
          </button>
        </div>
      </Notice>
    </div>
  );
}
