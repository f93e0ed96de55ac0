import type { ReactElement } from 'react';
import type { LinkKind } from '../../../../shared/link';
import type { WalletsView } from '../../../../shared/wallets';
import { ErrorNotice } from '../../components/error-notice';
import { keychainUnknownNote } from '../../lib/keychain-unknown';
import { useHostWords } from '../register/host-words';
import { PICKED_GONE, type LinkChoice, type UnusableHotkey } from './link-choices';
import { ExplainedChoice } from './explained-choice';
import styles from './link.module.css';

interface Props {
  kind: LinkKind;
  useFile: boolean;
  choices: LinkChoice[];
  choice: LinkChoice | undefined;
  /** The user picked (or previewed) an entry: an empty `choice` is then not "the first one". */
  picked: boolean;
  /** The picked entry is no longer in the list read. */
  gone: boolean;
  unusable: readonly UnusableHotkey[];
  filePath: string;
  keep: boolean;
  wallets: { data: WalletsView | undefined; error: Error | null };
  /** While a link is being sent: what it was sent with stays as it is. */
  disabled: boolean;
  onFrom: (from: 'wallet' | 'file') => void;
  onChoice: (value: string) => void;
  onFilePath: (path: string) => void;
  onKeep: (keep: boolean) => void;
}

/** An example path in the wallets folder the app reads, with that folder's separators. */
function examplePath(walletsPath: string | undefined): string {
  if (!walletsPath) return 'wallets/validator/hotkeys/default';
  const sep = walletsPath.includes('\\') && !walletsPath.includes('/') ? '\\' : '/';
  return [walletsPath.replace(/[\\/]+$/, ''), 'validator', 'hotkeys', 'default'].join(sep);
}

/** Which hotkey signs the link: a wallet hotkey or keychain seed from the list, or a hotkey file's path. */
export function LinkSource(props: Props): ReactElement {
  const { kind, useFile, choices, choice, filePath, keep, wallets, disabled, gone, unusable } = props;
  const { machine, keychain } = useHostWords();
  const keychainUnknown = keychainUnknownNote(wallets.data);
  const groups = [...new Set(choices.map((c) => c.group))];
  // A seed the keychain holds signs from there and stays there: nothing to keep.
  const fromKeychain = !useFile && choice?.seedFrom === 'keychain';
  return (
    <fieldset disabled={disabled}>
      <legend>{kind === 'validator' ? 'Validator hotkey' : 'Subnet-owner hotkey'}</legend>
      <div className={styles.kinds}>
        <label className="choice">
          <input
            type="radio"
            name="link-from"
            checked={!useFile}
            disabled={choices.length === 0}
            onChange={() => props.onFrom('wallet')}
          />
          From a wallet or the keychain on {machine}
        </label>
        <label className="choice">
          <input type="radio" name="link-from" checked={useFile} onChange={() => props.onFrom('file')} />
          From a hotkey file
        </label>
      </div>
      {useFile ? (
        <label className={`field ${styles.sourceRow}`}>
          <span>
            Hotkey file (full path on {machine} of the JSON file btcli writes under <code>wallets/NAME/hotkeys/</code>)
          </span>
          <input
            type="text"
            value={filePath}
            spellCheck={false}
            placeholder={examplePath(wallets.data?.walletsPath)}
            onChange={(e) => props.onFilePath(e.target.value)}
          />
        </label>
      ) : (
        <label className={`field ${styles.sourceRow}`}>
          Hotkey to link
          <select value={choice?.value ?? ''} onChange={(e) => props.onChoice(e.target.value)}>
            {/* Stands in for a picked hotkey not in the list now: the select shows no other one as picked. */}
            {choice ? null : (
              <option value="" disabled>
                {gone ? '(the hotkey you picked is no longer available)' : '(the hotkey you picked is not listed now)'}
              </option>
            )}
            {groups.map((group) => (
              <optgroup key={group} label={group}>
                {choices
                  .filter((c) => c.group === group)
                  .map((c) => (
                    <option key={c.value} value={c.value}>
                      {c.label}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </label>
      )}
      {!useFile && gone ? (
        <p className="small" role="status">
          {PICKED_GONE}
        </p>
      ) : null}
      {unusable.length > 0 ? (
        <p className="small muted">
          {unusable.length === 1 ? '1 hotkey' : `${unusable.length} hotkeys`} in the wallets folder cannot sign, so{' '}
          {unusable.length === 1 ? 'it is' : 'they are'} not offered:{' '}
          {unusable.map((u, i) => (
            <span key={u.label}>
              {i > 0 ? '; ' : ''}
              <code>{u.label}</code>: {u.why.replace(/\.$/, '')}
            </span>
          ))}
          .
        </p>
      ) : null}
      {wallets.data && choices.length === 0 && !props.picked ? (
        <p className="small muted">
          No hotkey with a seed was found in {wallets.data.walletsPath}
          {keychainUnknown ? '' : ` or in ${keychain}`}; give the path of the hotkey file instead.
        </p>
      ) : null}
      {keychainUnknown ? <p className="small muted">{keychainUnknown}</p> : null}
      {wallets.error ? <ErrorNotice error={wallets.error} /> : null}
      {fromKeychain ? (
        <p className="small muted">Its seed is in {keychain}: it signs from there and stays there.</p>
      ) : (
        <ExplainedChoice
          type="checkbox"
          checked={keep}
          onChange={props.onKeep}
          explain="Off: its seed is read for this one signature, then wiped, and stored nowhere. On: stored once the link succeeds."
        >
          Also keep this hotkey in {keychain}
        </ExplainedChoice>
      )}
    </fieldset>
  );
}
