import type { ReactElement } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { failureIs } from '../../../../shared/errors';
import { ErrorNotice } from '../../components/error-notice';
import { Notice } from '../../components/notice';
import { hostOf } from '../../lib/host';
import { errorOf } from '../../api/client';
import { channelKey, useChannel, useMutationChannel } from '../../api/hooks';
import { tellOutcome } from '../../frame/outcomes';

/** A signed `GET /users/me` for one hotkey, and the offer to keep the result as a profile. */
export function AccountLookupPanel({
  hotkey,
  hotkeyName,
  shownAs,
}: {
  hotkey: string;
  hotkeyName: string;
  /** The row's name for the hotkey, as its "Look up account" button says it. */
  shownAs: string;
}): ReactElement {
  const lookup = useChannel('lookupAccount', { hotkey });
  const profiles = useChannel('listProfiles', {});
  const save = useMutationChannel('addProfileFromHotkey', ['listProfiles']);
  const activate = useMutationChannel('setActiveProfile', 'all');
  const queries = useQueryClient();
  if (lookup.isPending)
    return (
      <p className="muted small" role="status">
        Asking Chutes…
      </p>
    );
  if (lookup.error) {
    // The lookup asks the active profile's server; a profile of this hotkey on another server is
    // not contradicted by "not registered here", and the user is told where to look instead.
    const view = profiles.data;
    const activeUrl = view?.profiles.find((p) => p.id === view.activeId)?.baseUrl;
    const elsewhere = failureIs(lookup.error, 'hotkey-not-registered')
      ? (view?.profiles.filter((p) => p.hotkeySs58 === hotkey && p.baseUrl !== activeUrl) ?? [])
      : [];
    // Not "register it first": that would make a second account for a hotkey that has one.
    if (elsewhere.length > 0 && activeUrl)
      return (
        <Notice tone="info" live>
          <p>
            No account for this hotkey on {hostOf(activeUrl)}, the active profile's server. It has one on{' '}
            {elsewhere.length > 1 ? 'other servers' : hostOf(elsewhere[0]?.baseUrl ?? '')}: make its profile active to
            look it up there.
          </p>
          <div className="actions">
            {elsewhere.map((p) => (
              <button
                key={p.id}
                type="button"
                onClick={() => activate.mutate({ profileId: p.id })}
                disabled={activate.isPending}
              >
                Make {p.displayName} active
              </button>
            ))}
          </div>
          {activate.error ? <ErrorNotice error={activate.error} /> : null}
        </Notice>
      );
    // Asked again from here: closing and opening the panel would be the only other way.
    return (
      <>
        <ErrorNotice error={lookup.error} />
        <div className="actions">
          <button
            type="button"
            aria-label={`Try again: look up ${shownAs}`}
            disabled={lookup.isFetching}
            onClick={() => void lookup.refetch()}
          >
            {lookup.isFetching ? 'Asking again…' : 'Try again'}
          </button>
        </div>
      </>
    );
  }
  const account = lookup.data;
  const existing = profiles.data?.profiles.find((p) => p.hotkeySs58 === hotkey && p.baseUrl === account.apiUrl);
  const saved = save.data ?? existing;
  return (
    <Notice tone="info" live>
      <p>
        Registered on {new URL(account.apiUrl).host} as <strong>{account.username}</strong> (user ID{' '}
        <code>{account.userId}</code>){account.balance !== null ? `, balance $${account.balance.toFixed(2)}` : ''}.
      </p>
      {saved ? (
        <p>Saved as the profile “{saved.displayName}”.</p>
      ) : (
        <div className="actions">
          <button
            type="button"
            className="primary"
            // The server this answer came from: another profile may have been made active since (in
            // another window), and the account shown is the one to save.
            onClick={() =>
              save.mutate(
                { hotkey, hotkeyName, baseUrl: account.apiUrl },
                {
                  // The seed left the keychain since (another window): the wallets are read again,
                  // which closes this panel, so the frame says why nothing was saved.
                  onError: (error) => {
                    if (!failureIs(error, 'seed-missing')) return;
                    const { message, detail } = errorOf(error);
                    tellOutcome({ tone: 'warn', text: detail?.hint ? `${message} ${detail.hint}` : message });
                    void queries.invalidateQueries({ queryKey: channelKey('listWallets') });
                  },
                },
              )
            }
            disabled={save.isPending}
          >
            Save as profile
          </button>
        </div>
      )}
      {save.error && !failureIs(save.error, 'seed-missing') ? <ErrorNotice error={save.error} /> : null}
    </Notice>
  );
}
