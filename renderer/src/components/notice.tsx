import type { ReactElement, ReactNode } from 'react';

/** A non-error message block: what just happened, or what to know before acting. */
export function Notice({
  tone,
  children,
  live = false,
}: {
  tone: 'info' | 'warn' | 'good';
  children: ReactNode;
  live?: boolean;
}): ReactElement {
  return (
    <div className={`notice notice-${tone}`} role={live ? 'status' : undefined}>
      {children}
    </div>
  );
}
