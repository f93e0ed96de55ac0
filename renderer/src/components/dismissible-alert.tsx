import { useEffect, useRef, type ReactElement, type ReactNode } from 'react';
import { Notice } from './notice';

/**
 * Something the user must read that outlives the screen that caused it (a frame notice): announced,
 * scrolled into view when it appears — the button pressed may be far below — and kept until dismissed.
 */
export function DismissibleAlert({
  children,
  onDismiss,
  tone = 'warn',
}: {
  children: ReactNode;
  onDismiss: () => void;
  /** 'good' for news that is not a problem: no alert role (the caller puts it in a status region). */
  tone?: 'warn' | 'good';
}): ReactElement {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    void box.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  return (
    <div role={tone === 'warn' ? 'alert' : undefined} ref={box}>
      <Notice tone={tone} onDismiss={onDismiss}>
        {children}
      </Notice>
    </div>
  );
}
