import { useState, type ReactElement } from 'react';
import { ErrorNotice } from '../../components/error-notice';
import { useChannel, useMutationChannel } from '../../api/hooks';

/**
 * Removing a seed cannot be undone from inside the app. Say where another copy is (or that none is
 * known), which profiles stop working, and make the user confirm having a copy when none is known.
 */
export function RemoveSeedConfirm({
  hotkey,
  label,
  walletFile,
  onDone,
}: {
  hotkey: string;
  label: string;
  /** `wallet/hotkey` of a file that still holds this seed, if there is one. */
  walletFile: string | null;
  onDone: () => void;
}): ReactElement {
  const profiles = useChannel('listProfiles', {});
  const remove = useMutationChannel('removeHotkeySeed', ['listWallets', 'listProfiles']);
  const [haveCopy, setHaveCopy] = useState(false);
  const users = profiles.data?.profiles.filter((p) => p.hotkeySs58 === hotkey).map((p) => p.displayName) ?? [];
  const mayRemove = walletFile !== null || haveCopy;
  return (
    <div className="subform" role="group" aria-label={`Remove the seed of ${label}`}>
      <p>
        <strong>Remove the seed of {label} from the keychain?</strong>
      </p>
      {walletFile ? (
        <p className="small">
          The hotkey file {walletFile} still holds this seed, so you can add it to the keychain again later.
        </p>
      ) : (
        <>
          <p className="small">
            The keychain may hold the only copy of this seed the app knows of. Without a copy, nobody — not you, not
            Chutes — can sign for this hotkey again, and the account bound to it is lost.
          </p>
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
      {remove.error ? <ErrorNotice error={remove.error} /> : null}
      <div className="actions">
        <button
          type="button"
          className="danger"
          disabled={!mayRemove || remove.isPending}
          onClick={() => remove.mutate({ hotkey }, { onSuccess: onDone })}
        >
          Remove seed
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  );
}
