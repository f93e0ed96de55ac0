import type { ReactElement, ReactNode } from 'react';

export type Tone = 'good' | 'warn' | 'bad' | 'neutral';

export function Badge({ tone, children, title }: { tone: Tone; children: ReactNode; title?: string }): ReactElement {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}
