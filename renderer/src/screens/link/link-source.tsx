import type { ReactElement } from 'react';
import type { LinkKind } from '../../../../shared/link';
import type { WalletsView } from '../../../../shared/wallets';
import { ErrorNotice } from '../../components/error-notice';
import { keychainUnknownNote } from '../../lib/keychain-unknown';
import { useHostWords } from '../register/host-words';
import type { LinkChoice } from './link-choices';
import styles from './link.module.css';

interface Props {
  kind: LinkKind;
  useFile: boolean;
  choices: LinkChoice[];
  choice: LinkChoice | undefined;
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
  const { kind, useFile, choices, choice, filePath, keep, wallets, disabled } = props;
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
      {wallets.data && choices.length === 0 ? (
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
        <label className="choice">
          <input type="checkbox" checked={keep} onChange={(e) => props.onKeep(e.target.checked)} />
          Also keep this hotkey in {keychain}
          <span className="explain">
            Off: its seed is read for this one signature, then wiped, and stored nowhere. On: stored once the link
            succeeds.
          </span>
        </label>
      )}
    </fieldset>
  );
}
