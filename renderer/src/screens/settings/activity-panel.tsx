import type { ReactElement } from 'react';
import { Breakable } from '../../components/breakable';
import { ErrorNotice } from '../../components/error-notice';
import { dateTime, timeOnly, utcText } from '../../lib/date-time';
import { groupsOf } from '../../lib/groups-of';
import { useChannel } from '../../api/hooks';
import styles from './settings.module.css';

const AUTH_LABEL: Record<string, string> = {
  hotkey: 'hotkey signature',
  jwt: 'session token',
  'hotkey-login': 'hotkey login',
  fingerprint: 'fingerprint',
  apiKey: 'API key',
};

/** Settings → Activity: the app's own record of signed calls. Public facts only, never secrets. */
export function ActivityPanel(): ReactElement {
  const activity = useChannel('listActivity', { limit: 100 });
  return (
    <section className="card" aria-labelledby="activity-title">
      <div className="section-head">
        <h2 id="activity-title">Activity</h2>
        {/* Read again after each signed change (api/hooks.ts); calls made by reading lists are not, hence the time. */}
        <div className="actions">
          {activity.data ? (
            <span className="small muted">As of {timeOnly(new Date(activity.dataUpdatedAt).toISOString())}</span>
          ) : null}
          <button type="button" onClick={() => void activity.refetch()} disabled={activity.isFetching}>
            {activity.isFetching ? 'Refreshing…' : 'Refresh'}
          </button>
        </div>
      </div>
      <p className="small muted">
        Every call this app signed, newest first: when, what, with which hotkey, and the answer. Signatures, bodies and
        secrets are never recorded.
      </p>
      {activity.error ? <ErrorNotice error={activity.error} /> : null}
      {activity.data && activity.data.length === 0 ? <p className="empty">No signed calls yet.</p> : null}
      {activity.data && activity.data.length > 0 ? (
        <div className="table-wrap">
          <table aria-label="Signed calls">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Call</th>
                <th scope="col">Signed with</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {activity.data.map((entry) => (
                <tr key={`${entry.time}-${entry.method}-${entry.path}-${entry.durationMs}`}>
                  <td className="nowrap">
                    <time dateTime={entry.time} title={utcText(entry.time)}>
                      {dateTime(entry.time, { seconds: true })}
                    </time>
                  </td>
                  <td>
                    <code>
                      {entry.method} {entry.path}
                    </code>
                    {entry.purpose ? <span className="muted small"> purpose “{entry.purpose}”</span> : null}
                    {entry.bodySha256 ? (
                      <span className="muted small"> body sha256 {entry.bodySha256.slice(0, 12)}…</span>
                    ) : null}
                  </td>
                  <td>
                    {AUTH_LABEL[entry.auth] ?? entry.auth}
                    {entry.hotkey ? (
                      // Wraps between groups of 12 rather than leaving a character alone on a line; copying gives it whole.
                      <div className={`small muted mono ${styles.address}`}>
                        <Breakable parts={groupsOf(entry.hotkey, 12)} />
                      </div>
                    ) : null}
                  </td>
                  <td className="nowrap">
                    {entry.status !== undefined ? (
                      <span className={entry.status < 400 ? 'ok-text' : 'bad-text'}>{entry.status}</span>
                    ) : (
                      <span className="bad-text">{entry.failure ?? 'failed'}</span>
                    )}
                    <span className="muted small"> {entry.durationMs} ms</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
