import type { ReactElement, ReactNode } from 'react';
import { errorOf } from '../api/client';
import { useChannel } from '../api/hooks';
import styles from '../app-frame.module.css';

/**
 * In a browser tab opened without the web host's token every call is refused: say so once, with
 * what to do, instead of an error in every panel.
 */
export function AccessGate({ children }: { children: ReactNode }): ReactElement {
  const info = useChannel('getAppInfo', {});
  if (info.error && errorOf(info.error).code === 'unauthorized') {
    return (
      <main className={styles.gate}>
        <div className="card" role="alert">
          <h1>This tab cannot reach Chutes Desktop</h1>
          <p>{errorOf(info.error).message}</p>
          <p className="small muted">
            The address is in the output of the terminal where <code>npm run serve</code> was started. Each start prints
            a new one, so a tab opened another way (a bookmark, or an address from an earlier start) has no access. If
            that output is gone, stop the web host (Ctrl+C) and start it again for a new address.
          </p>
        </div>
      </main>
    );
  }
  return <>{children}</>;
}
