import { useEffect, useRef, type ReactElement, type ReactNode } from 'react';
import { announce } from '../lib/announce';

/**
 * A non-error message block: what just happened, or what to know before acting. `live`: an outcome,
 * said by the app's one live region (lib/announce.ts) when it appears or changes; the block keeps the
 * status role for finding it, but is not live itself, so nothing is said twice.
 */
export function Notice({
  tone,
  children,
  live = false,
}: {
  tone: 'info' | 'warn' | 'good';
  children: ReactNode;
  live?: boolean;
}): ReactElement {
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
      ref={ref}
      className={`notice notice-${tone}`}
      role={live ? 'status' : undefined}
      aria-live={live ? 'off' : undefined}
    >
      {children}
    </div>
  );
}
