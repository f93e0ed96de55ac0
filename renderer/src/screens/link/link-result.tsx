import type { ReactElement } from 'react';
import { LINK_KIND_LABEL, LINK_KIND_WORD, type LinkResult } from '../../../../shared/link';
import { Notice } from '../../components/notice';
import { RoleList } from '../../components/role-list';
import { useHostWords } from '../register/host-words';

/** Success: the hotkey is linked, and the account's roles as the server now reports them. */
export function LinkSuccess({ result, onAgain }: { result: LinkResult; onAgain: () => void }): ReactElement {
  const { keychain } = useHostWords();
  return (
    <div className="card">
      <Notice tone="good" live>
        <p>
          <strong>Linked.</strong> {LINK_KIND_LABEL[result.kind]} hotkey <code>{result.linkedHotkey}</code> is now
          linked to <strong>{result.username}</strong>.
        </p>
        <p>The account’s roles now:</p>
        <RoleList roles={result.roles} label="Account roles" />
        <p className="small">
          {result.seedFrom === 'keychain'
            ? `The hotkey signed with its seed in ${keychain}, where it stays.`
            : result.keptInKeychain
              ? `The hotkey’s seed is now also in ${keychain}, as you asked.`
              : result.keepProblem
                ? `The link is made, but the keychain did not keep the hotkey’s seed (${result.keepProblem}): add the hotkey on the Profiles & hotkeys screen if you want it kept.`
                : 'The hotkey’s seed was used for this one signature and not kept anywhere.'}
        </p>
      </Notice>
      <p className="small">
        A new link of the same type replaces this account’s current one: linking another {LINK_KIND_WORD[result.kind]}{' '}
        hotkey to {result.username} would replace this one.
      </p>
      <div className="actions">
        <button type="button" onClick={onAgain}>
          Link another hotkey
        </button>
      </div>
    </div>
  );
}
