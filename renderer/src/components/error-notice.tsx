import type { ReactElement, ReactNode } from 'react';
import { errorOf } from '../api/client';
import { WithCode } from './with-code';

/**
 * A typed error from main, said plainly, with its hint and field list when there is one. `lead`
 * says what it stopped (before the server's words); `children` (a retry button) go in the same box.
 */
export function ErrorNotice({
  error,
  lead,
  children,
}: {
  error: unknown;
  lead?: string;
  children?: ReactNode;
}): ReactElement | null {
  const appError = errorOf(error);
  // Said once, by the frame (frame/profile-changed-notice.tsx), which outlives the screen that
  // sent the action: that screen remounts on the profile now active.
  if (appError.reason === 'profile-changed') return null;
  return (
    <div className="notice notice-error" role="alert">
      <p>
        {lead ? <strong>{lead} </strong> : null}
        <WithCode text={appError.message} />
      </p>
      {appError.detail?.hint ? (
        <p className="small">
          <WithCode text={appError.detail.hint} />
        </p>
      ) : null}
      {appError.code === 'invalid-input' && appError.detail?.fields && appError.detail.fields.length > 1 ? (
        <ul className="small">
          {appError.detail.fields.map((f) => (
            <li key={`${f.path}:${f.message}`}>
              {f.path ? <code>{f.path}</code> : null} {f.message}
            </li>
          ))}
        </ul>
      ) : null}
      {children}
    </div>
  );
}
