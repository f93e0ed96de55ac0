import { serverShown } from '../../../../shared/server-address';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import type { ActivityBodyFailure, ActivityEntry, ActivityPage } from '../../../../shared/activity';
import type { NetworkFailure } from '../../../../shared/errors';
import { call } from '../../api/client';
import { channelKey, useActiveProfile } from '../../api/hooks';
import { useWallets } from '../../api/use-wallets';
import { ErrorNotice } from '../../components/error-notice';
import { Notice } from '../../components/notice';
import { dateTime, timeOnly, utcText } from '../../lib/date-time';
import { shortAddress } from '../../lib/short-address';
import { hotkeyNames } from './hotkey-names';

const PAGE = 100;

const AUTH_LABEL: Record<string, string> = {
  hotkey: 'hotkey signature',
  jwt: 'session token',
  'hotkey-login': 'hotkey login',
  fingerprint: 'fingerprint',
  apiKey: 'API key',
};

/** Why a call got no HTTP status, in the Result column's few words. */
const FAILURE_LABEL: Record<NetworkFailure, string> = {
  dns: 'address not found',
  refused: 'connection refused',
  timeout: 'timed out',
  tls: 'secure connection failed',
  reset: 'connection closed',
  'non-json': 'answer not from the API',
  other: 'failed, no answer',
};

/** A status whose body did not arrive whole. */
const BODY_FAILURE_LABEL: Record<ActivityBodyFailure, string> = {
  'too-large': 'answer too large',
  'cut-off': 'answer cut off',
};

const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** The pages read so far, all read again together when a signed change settles (api/hooks.ts invalidates this prefix). */
function useActivityPages() {
  return useInfiniteQuery({
    queryKey: [...channelKey('listActivity', { limit: PAGE }), 'pages'],
    queryFn: ({ pageParam }) =>
      call('listActivity', pageParam === undefined ? { limit: PAGE } : { limit: PAGE, before: pageParam }),
    initialPageParam: undefined as string | undefined,
    // Each page ends after every call started in its last millisecond, so "before" that time misses none.
    getNextPageParam: (last: ActivityPage) => (last.more ? last.entries.at(-1)?.time : undefined),
  });
}

/**
 * The hotkey that signed: its name when the app knows it, and the ends of its address; the whole
 * address is the tooltip, and what a screen reader reads instead of the ends.
 */
function SignedBy({
  address,
  name,
  account,
}: {
  address: string;
  name: string | undefined;
  /** The hotkey names the account the fingerprint was for, not a signer. */
  account: boolean;
}): ReactElement {
  return (
    <div className="small muted">
      {account ? 'account of ' : null}
      {name ? `${name} ` : null}
      <code title={address}>
        <span aria-hidden="true">{shortAddress(address)}</span>
        <span className="sr-only">{address}</span>
      </code>
    </div>
  );
}

function ActivityRow({ entry, names }: { entry: ActivityEntry; names: ReadonlyMap<string, string> }): ReactElement {
  return (
    <tr>
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
        {entry.bodySha256 ? <span className="muted small"> body sha256 {entry.bodySha256.slice(0, 12)}…</span> : null}
        {/* Entries written before the server was kept have none. */}
        {entry.server ? (
          <div className="small muted">
            on <span title={entry.server}>{serverShown(entry.server)}</span>
          </div>
        ) : null}
      </td>
      <td>
        {AUTH_LABEL[entry.auth] ?? entry.auth}
        {entry.hotkey ? (
          <SignedBy address={entry.hotkey} name={names.get(entry.hotkey)} account={entry.auth === 'fingerprint'} />
        ) : null}
      </td>
      <td className="nowrap">
        {entry.status !== undefined ? (
          <span className={entry.status < 400 && !entry.bodyFailure ? 'ok-text' : 'bad-text'}>
            {entry.status}
            {entry.bodyFailure ? `, ${BODY_FAILURE_LABEL[entry.bodyFailure]}` : null}
          </span>
        ) : (
          <span className="bad-text">{entry.failure ? FAILURE_LABEL[entry.failure] : 'failed, no answer'}</span>
        )}
        <span className="muted small"> {entry.durationMs} ms</span>
      </td>
    </tr>
  );
}

/** Settings → Activity: the app's own record of signed calls. Public facts only, never secrets. */
export function ActivityPanel(): ReactElement {
  const activity = useActivityPages();
  const { profiles } = useActiveProfile();
  const wallets = useWallets();
  const names = hotkeyNames(wallets.data, profiles);
  const pages = activity.data?.pages ?? [];
  const latest = pages[0];
  // Newest start first across pages too (each page is sorted already; this keeps it so whatever arrives).
  const entries = pages
    .flatMap((page) => page.entries)
    .sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0));
  const notRecorded = latest?.notRecorded ?? null;
  const last = pages.at(-1);
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
            {activity.isFetching && !activity.isFetchingNextPage ? 'Refreshing…' : 'Refresh'}
          </button>
        </div>
      </div>
      <p className="small muted">
        {notRecorded ? 'The calls this app signed' : 'Every call this app signed'}, newest first by when it started:
        when, what, with which hotkey, and the answer. Signatures, bodies and secrets are never recorded.
      </p>
      {notRecorded ? (
        <Notice tone="warn">
          <p>
            <strong>
              {count(notRecorded.count, 'call', 'calls')} since {dateTime(notRecorded.since, { seconds: true })} could
              not be recorded
            </strong>
            , so {notRecorded.count === 1 ? 'it is' : 'they are'} missing from this list: {notRecorded.why}
          </p>
        </Notice>
      ) : null}
      {latest?.olderFileProblem ? (
        <Notice tone="warn">
          <p>{latest.olderFileProblem}</p>
        </Notice>
      ) : null}
      {activity.error ? <ErrorNotice error={activity.error} /> : null}
      {activity.data && entries.length === 0 ? <p className="empty">No signed calls yet.</p> : null}
      {entries.length > 0 ? (
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
              {entries.map((entry, index) => (
                // Two calls may share every field; the position makes the key unique.
                <ActivityRow key={`${index}-${entry.time}-${entry.method}-${entry.path}`} entry={entry} names={names} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {entries.length > 0 ? (
        <div className="actions">
          <span className="small muted">
            {activity.hasNextPage || last?.olderNotRead
              ? `Showing the newest ${count(entries.length, 'call', 'calls')}.`
              : `All ${count(entries.length, 'recorded call is', 'recorded calls are')} shown.`}
            {!activity.hasNextPage && last?.olderNotRead
              ? ' Older calls are in the log file, but too far back to show here.'
              : ''}
          </span>
          {activity.hasNextPage ? (
            <button type="button" onClick={() => void activity.fetchNextPage()} disabled={activity.isFetchingNextPage}>
              {activity.isFetchingNextPage ? 'Loading older calls…' : `Show ${PAGE} older calls`}
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
