import type { ReactElement } from 'react';
import type { AccountLookup } from '../../../../shared/account';
import { useMutationChannel } from '../../api/hooks';
import { ErrorNotice } from '../../components/error-notice';
import { Notice } from '../../components/notice';
import { hrefTo } from '../../routes';

/** A hotkey that already has an account: offer to keep that account as a profile instead of registering. */
export function AddAsProfile({ hotkey, account, hotkeyName, baseUrl }: { hotkey: string; account: AccountLookup | null; hotkeyName: string; baseUrl: string }): ReactElement {
  const save = useMutationChannel('addProfileFromHotkey', ['listProfiles']);
  const host = new URL(baseUrl).host;
  return (
    <Notice tone="warn" live>
      <p>
        <strong>
          This hotkey already has a Chutes account on {host}
          {account ? (
            <>
              : <em>{account.username}</em> (user ID <code>{account.userId}</code>)
            </>
          ) : null}
          .
        </strong>{' '}
        A hotkey can own only one account. Add that account as a profile, or pick another hotkey.
      </p>
      {save.data ? (
        <p>
          Saved as the profile “{save.data.displayName}”. Manage it on <a href={hrefTo('accounts')}>Accounts</a>.
        </p>
      ) : (
        <div className="actions">
          <button type="button" className="primary" disabled={save.isPending} onClick={() => save.mutate({ hotkey, hotkeyName, baseUrl })}>
            Add this account as a profile
          </button>
        </div>
      )}
      {save.error ? <ErrorNotice error={save.error} /> : null}
    </Notice>
  );
}
