import type { ReactElement, ReactNode } from 'react';

export function ScreenHeader({ title, children }: { title: string; children?: ReactNode }): ReactElement {
  return (
    <header className="screen-header">
      <h1>{title}</h1>
      {children ? <p className="lead">{children}</p> : null}
    </header>
  );
}
