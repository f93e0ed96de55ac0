import type { FormEvent, ReactElement } from 'react';
import type { ImportedHotkey } from '../../../../shared/keychain';
import { ErrorNotice } from '../../components/error-notice';
import { DonePanel, FormActions } from '../../components/form-parts';
import { useMutationChannel } from '../../api/hooks';
import { sendDraft } from '../../frame/outcomes';
import { draftSlot, useDraft } from '../../lib/drafts';
import { useMountedRef } from '../../lib/use-mounted';

const drafts = draftSlot<{ path: string }>();
const DRAFT = 'hotkey-file';

/**
 * Add a hotkey JSON file from anywhere on this machine. The page sends only the path: main reads
 * the file, so the seed never passes through the page.
 */
/** A seed the keychain held already keeps its name there, and is not said to be new. */
const importedText = (r: ImportedHotkey): string =>
  r.alreadyInKeychain
    ? `The seed of ${r.name} (${r.ss58}) was already in the system keychain; it keeps the name “${r.name}”.`
    : `The seed of ${r.name} (${r.ss58}) is now in the system keychain.`;

export function ImportHotkeyFileForm({ onDone }: { onDone: () => void }): ReactElement {
  const [draft, setDraft] = useDraft(drafts, DRAFT, () => ({ path: '' }));
  const { path } = draft;
  const importFile = useMutationChannel('importHotkeyFile', ['listWallets', 'listProfiles']);
  const mounted = useMountedRef();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void sendDraft(
      importFile.mutateAsync({ path }),
      { slot: drafts, key: DRAFT, sent: draft },
      {
        mounted,
        done: (r) => importedText(r),
        failed: `Adding the hotkey file ${path} failed`,
      },
    );
  };
  const cancel = () => {
    drafts.drop(DRAFT);
    onDone();
  };
  if (importFile.data) {
    return (
      <DonePanel onClose={onDone}>
        <p>{importedText(importFile.data)}</p>
      </DonePanel>
    );
  }
  return (
    <form className="subform" onSubmit={onSubmit} aria-label="Add a hotkey file">
      <label className="field">
        <span>
          Hotkey file (the JSON file btcli writes under <code>wallets/NAME/hotkeys/</code>)
        </span>
        <input
          type="text"
          value={path}
          placeholder="/home/you/backup/hotkeys/default"
          spellCheck={false}
          onChange={(e) => setDraft({ path: e.target.value })}
        />
      </label>
      {importFile.error ? <ErrorNotice error={importFile.error} /> : null}
      <FormActions
        submit="Add to keychain"
        busy={importFile.isPending}
        disabled={path.trim() === ''}
        onCancel={cancel}
      />
    </form>
  );
}
