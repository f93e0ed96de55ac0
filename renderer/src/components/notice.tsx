import { useEffect, useRef, type ReactElement, type ReactNode } from 'react';
import { announce } from '../lib/announce';

/**
 * A non-error message block: what just happened, or what to know before acting. `live`: an outcome,
 * said by the app's one live region (lib/announce.ts) when it appears or changes; the block keeps the
 * status role for finding it, but is not live itself, so nothing is said twice. `onDismiss`: a
 * Dismiss button inside the box, beside the message (the same for a result on the page and for a
 * banner of the frame), and marked as the panel's way out for Escape (frame/focus-keeper.ts).
 */
export function Notice({
  tone,
  children,
  live = false,
  onDismiss,
}: {
  tone: 'info' | 'warn' | 'good';
  children: ReactNode;
  live?: boolean;
  onDismiss?: () => void;
}): ReactElement {
  // The message only: the button's name is not part of what is announced.
  const ref = useRef<HTMLDivElement>(null);
  const said = useRef('');
  useEffect(() => {
    const text = ref.current?.textContent ?? '';
    if (!live || text === said.current) return;
    said.current = text;
    announce(text);
  });
  return (
    <div
      ref={onDismiss ? undefined : ref}
      className={`notice notice-${tone}`}
      role={live ? 'status' : undefined}
      aria-live={live ? 'off' : undefined}
    >
      {onDismiss ? (
        <div className="dismissible">
          <div className="dismissible-text" ref={ref}>
            {children}
          </div>
          <button type="button" data-cancel onClick={onDismiss}>
            Dismiss
          </button>
        </div>
      ) : (
        children
      )}
    </div>
  );
}
