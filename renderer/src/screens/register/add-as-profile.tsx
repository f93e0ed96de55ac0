import type { ReactElement } from 'react';
import type { AccountLookup } from '../../../../shared/account';
import { useMutationChannel } from '../../api/hooks';
import { ErrorNotice } from '../../components/error-notice';
import { Notice } from '../../components/notice';
import { hrefTo } from '../../routes';
import { useHostWords } from './host-words';

/** A hotkey that already has an account: offer to keep that account as a profile instead of registering. */
export function AddAsProfile({
  hotkey,
  account,
  hotkeyName,
  baseUrl,
  bare = false,
  seedInFileOnly = false,
}: {
  hotkey: string;
  account: AccountLookup | null;
  hotkeyName: string;
  baseUrl: string;
  /** Only the action and its outcome, under an error that already said what happened. */
  bare?: boolean;
  /** The seed is in its wallet file, not the keychain: a profile cannot sign until it is added there. */
  seedInFileOnly?: boolean;
}): ReactElement {
  const save = useMutationChannel('addProfileFromHotkey', ['listProfiles']);
  const { keychain } = useHostWords();
  const host = new URL(baseUrl).host;
  const action = seedInFileOnly ? (
    <p>
      To use it here, add this hotkey to {keychain} on <a href={hrefTo('accounts')}>Profiles & hotkeys</a> (
      <em>Add to keychain</em> beside {hotkeyName}), then come back: the account can then be added as a profile.
    </p>
  ) : save.data ? (
    <p role="status">
      Saved as the profile “{save.data.displayName}”. Manage it on <a href={hrefTo('accounts')}>Profiles & hotkeys</a>.
    </p>
  ) : (
    <button
      type="button"
      className="primary"
      disabled={save.isPending}
      onClick={() => save.mutate({ hotkey, hotkeyName, baseUrl })}
    >
      Add this account as a profile
    </button>
  );
  if (bare) {
    return (
      <>
        {action}
        {save.error ? <ErrorNotice error={save.error} /> : null}
      </>
    );
  }
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
      <div className="actions">{action}</div>
      {save.error ? <ErrorNotice error={save.error} /> : null}
    </Notice>
  );
}
