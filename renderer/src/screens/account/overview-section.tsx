import type { ReactElement } from 'react';
import type { AccountOverview } from '../../../../shared/account-screen';
import type { ProfileView } from '../../../../shared/profiles';
import { Address } from '../../components/address';
import { ErrorNotice } from '../../components/error-notice';
import { QrCode } from '../../components/qr-code';
import { RoleList } from '../../components/role-list';
import styles from './account.module.css';
import { dateTime, recentTime } from '../../lib/date-time';
import { usd } from './format';
import { RefreshButton } from './refresh-button';

/** Without the seed nothing can be signed: what the profile itself knows, and what is missing. */
function ProfileFacts({ profile }: { profile: ProfileView }): ReactElement {
  return (
    <>
      <p className="muted">
        Balance, roles and the creation date come from a request signed with the hotkey, so they are not shown{' '}
        {profile.seedInKeychain === null ? 'while the keychain is not answering' : 'until its seed is in the keychain'}.
        From the profile:
      </p>
      <dl className="facts">
        <dt>Username</dt>
        <dd>{profile.username}</dd>
        <dt>User ID</dt>
        <dd>
          <code>{profile.userId}</code>
        </dd>
        <dt>Hotkey</dt>
        <dd>
          <Address address={profile.hotkeySs58} name="the hotkey" />
        </dd>
        <dt>Server</dt>
        <dd>
          <code>{profile.baseUrl}</code>
        </dd>
      </dl>
      {profile.paymentAddress ? <TopUp address={profile.paymentAddress} /> : null}
    </>
  );
}

function TopUp({ address }: { address: string }): ReactElement {
  return (
    <div className={styles.topUp}>
      <QrCode text={address} label={`QR code of the payment address ${address}`} />
      <div>
        <h3 className={styles.h3} id="account-top-up-title">
          Top up
        </h3>
        <p className="small">
          Send TAO to this account’s own payment address — not to its hotkey or coldkey above. Chutes credits it in USD
          at the current TAO price once it sees the payment.
        </p>
        <Address address={address} name="the payment address" />
      </div>
    </div>
  );
}

/** `GET /users/me`: who the account is, its balance and where to top it up. */
export function OverviewSection({
  profile,
  canSign,
  data,
  error,
  fetching,
  onRefresh,
  updatedAt,
}: {
  profile: ProfileView;
  canSign: boolean;
  data: AccountOverview | undefined;
  error: Error | null;
  fetching: boolean;
  onRefresh: () => void;
  /** When the answer was read (the query's dataUpdatedAt). */
  updatedAt?: number;
}): ReactElement {
  return (
    <section className="card" aria-labelledby="account-overview">
      <div className="section-head">
        <h2 id="account-overview">Overview</h2>
        <div className="actions">
          <RefreshButton
            what="overview"
            fetching={fetching}
            canSign={canSign}
            onRefresh={onRefresh}
            updatedAt={updatedAt}
          />
        </div>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      {!canSign ? <ProfileFacts profile={profile} /> : null}
      {canSign && !data && !error ? (
        <p className="muted" role="status">
          Reading the account…
        </p>
      ) : null}
      {data ? (
        <>
          <div className={styles.balanceRow}>
            <div>
              <div className="muted small">Balance</div>
              <div className={styles.balance} aria-label="Balance">
                {data.balanceUsd === null ? (
                  'Balance not reported'
                ) : (
                  <>
                    {usd(data.balanceUsd)} <span className={styles.unit}>USD</span>
                  </>
                )}
              </div>
              <p className="muted small">
                As of {recentTime(data.asOf)}. The server recalculates balances about once a minute (stored balance
                minus what private instances have accrued), so a payment or charge can take a minute to show.
              </p>
            </div>
          </div>
          <dl className="facts">
            <dt>Username</dt>
            <dd>{data.username}</dd>
            <dt>User ID</dt>
            <dd>
              <code>{data.userId}</code>
            </dd>
            <dt>Hotkey</dt>
            <dd>
              <Address address={data.hotkey} name="the hotkey" />
            </dd>
            <dt>Coldkey</dt>
            <dd>
              {data.coldkey ? (
                <Address address={data.coldkey} name="the coldkey" />
              ) : (
                <span className="muted">none</span>
              )}
            </dd>
            <dt>Created</dt>
            <dd>{data.createdAt ? dateTime(data.createdAt) : '—'}</dd>
            <dt>Server</dt>
            <dd>
              <code>{data.baseUrl}</code>
            </dd>
            <dt>Roles</dt>
            <dd>
              {data.roles.length === 0 ? (
                <span className="muted">No special roles (a regular, pay-as-you-go account).</span>
              ) : (
                <RoleList roles={data.roles} label="Roles" />
              )}
            </dd>
          </dl>
          {data.paymentAddress ? (
            <TopUp address={data.paymentAddress} />
          ) : (
            <p className="muted">The server reported no payment address for this account.</p>
          )}
        </>
      ) : null}
    </section>
  );
}
