import { useState, type ReactElement } from 'react';
import { ErrorNotice } from '../../components/error-notice';
import { Notice } from '../../components/notice';
import { useQueryClient } from '@tanstack/react-query';
import { channelKey, useChannel, useMutationChannel } from '../../api/hooks';
import { tellOutcome } from '../../frame/outcomes';
import { announce } from '../../lib/announce';
import { dateTime, utcText } from '../../lib/date-time';
import type { SeedCopy } from '../../../../shared/keychain';

/** Config files that hold the seed now, each with when the app wrote it there. */
function SeedCopies({ copies }: { copies: SeedCopy[] }): ReactElement {
  return (
    <div className="small">
      <p>
        {copies.length === 1 ? 'This config file holds' : 'These config files hold'} the seed in plain text, so you can
        import it again later. Removing the seed from the keychain does not touch {copies.length === 1 ? 'it' : 'them'};
        delete {copies.length === 1 ? 'it' : 'them'} yourself if the seed should be gone.
      </p>
      <ul aria-label="Config files holding this seed">
        {copies.map((c) => (
          <li key={c.path}>
            <code>{c.path}</code>
            {c.exportedAt ? (
              <>
                {' '}
                (exported by the app{' '}
                <time dateTime={c.exportedAt} title={utcText(c.exportedAt)}>
                  {dateTime(c.exportedAt)}
                </time>
                )
              </>
            ) : (
              ' (the CLI config)'
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Removing a seed cannot be undone from inside the app. Say where another copy is (a hotkey file,
 * a config file the app exported it to, or none known), which profiles stop working, and make the
 * user confirm having a copy when none is known.
 */
export function RemoveSeedConfirm({
  hotkey,
  label,
  shownLabel = label,
  walletFile,
  onDone,
}: {
  hotkey: string;
  label: string;
  /** The label as the question shows it, when the full one is too long for a heading (it names the group). */
  shownLabel?: string;
  /** A hotkey file that still holds this seed, if there is one (`label`: `wallet/hotkey`); main checks it again. */
  walletFile: { label: string; walletId: string; hotkeyId: string } | null;
  onDone: () => void;
}): ReactElement {
  const profiles = useChannel('listProfiles', {});
  // Asked afresh each time the question opens: files change outside the app.
  const copies = useChannel('seedCopies', { hotkey }, { gcTime: 0 });
  const remove = useMutationChannel('removeHotkeySeed', [
    'listWallets',
    'listProfiles',
    // Read with this seed: asked again when it is back, not shown from before.
    'accountOverview',
    'accountLimits',
    'accountUsage',
  ]);
  const queries = useQueryClient();
  const [haveCopy, setHaveCopy] = useState(false);
  const users = profiles.data?.profiles.filter((p) => p.hotkeySs58 === hotkey).map((p) => p.displayName) ?? [];
  const configCopies = copies.data ?? [];
  const knownCopy = walletFile !== null || configCopies.length > 0;
  // Until the check of config files answers, nobody is told "the only copy".
  // Not while the files are being looked at again (after a refusal): the list may be about to change.
  const mayRemove = !copies.isFetching && (knownCopy || haveCopy);
  return (
    <div className="subform" role="group" aria-label={`Remove the seed of ${label}`}>
      <p>
        <strong>Remove the seed of {shownLabel} from the keychain?</strong>
      </p>
      {walletFile ? (
        <p className="small">
          The hotkey file {walletFile.label} still holds this seed, so you can add it to the keychain again later.
        </p>
      ) : null}
      {configCopies.length > 0 ? <SeedCopies copies={configCopies} /> : null}
      {copies.isPending && !walletFile ? <p className="small">Looking for config files that hold this seed…</p> : null}
      {knownCopy || copies.isPending ? null : (
        <>
          <Notice tone="warn">
            <p>
              <strong>This may be the only copy of the seed.</strong> The app knows of no other. Without one, nobody —
              not you, not Chutes — can sign for this hotkey again, and the account bound to it is lost for good.
            </p>
          </Notice>
          <label className="choice">
            <input type="checkbox" checked={haveCopy} onChange={(e) => setHaveCopy(e.target.checked)} />I have another
            copy of this seed (the hotkey file, its mnemonic, or a config exported with the seed)
          </label>
        </>
      )}
      {users.length > 0 ? (
        <p className="small">
          Profiles that sign with this hotkey will stop working until the seed is back: {users.join(', ')}.
        </p>
      ) : null}
      {copies.error ? <ErrorNotice error={copies.error} /> : null}
      {remove.error ? <ErrorNotice error={remove.error} /> : null}
      <div className="actions">
        <button
          type="button"
          className="danger"
          disabled={!mayRemove || remove.isPending}
          onClick={() =>
            // mutateAsync: the row this question is in goes when its seed does (a keychain-only
            // hotkey), and a per-call onSuccess is skipped once its component is gone.
            void remove
              .mutateAsync(
                // Relying on the files listed (no other copy confirmed): main checks they still hold it.
                walletFile !== null
                  ? { hotkey, walletFileShown: { walletId: walletFile.walletId, hotkeyId: walletFile.hotkeyId } }
                  : configCopies.length > 0
                    ? { hotkey, copiesShown: configCopies.slice(0, 100).map((c) => c.path) }
                    : { hotkey },
              )
              .then(
                (r) => {
                  // What was looked up with this seed is not offered again when it comes back.
                  queries.removeQueries({ queryKey: channelKey('lookupAccount', { hotkey }) });
                  if (r.sessionProblem)
                    tellOutcome({
                      tone: 'warn',
                      text: `The seed of ${label} was removed from the keychain, but its sign-in sessions could not be dropped (${r.sessionProblem}). They stop working within 7 days, when they expire.`,
                    });
                  else
                    announce(
                      r.removed
                        ? `The seed of ${label} was removed from the keychain.`
                        : `The seed of ${label} was already gone from the keychain (removed elsewhere, perhaps in another window).`,
                    );
                  onDone();
                },
                // Refused because a copy it counted on is gone: the files are looked at again.
                () => {
                  void copies.refetch();
                  void queries.invalidateQueries({ queryKey: channelKey('listWallets') });
                },
              )
          }
        >
          Remove seed
        </button>
        <button type="button" data-cancel onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  );
}
