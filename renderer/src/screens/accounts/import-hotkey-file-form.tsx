import type { FormEvent, ReactElement } from 'react';
import { ErrorNotice } from '../../components/error-notice';
import { DonePanel, FormActions } from '../../components/form-parts';
import { useMutationChannel } from '../../api/hooks';
import { draftSlot, useDraft } from '../../lib/drafts';

const drafts = draftSlot<{ path: string }>();
const DRAFT = 'hotkey-file';

/**
 * Add a hotkey JSON file from anywhere on this machine. The page sends only the path: main reads
 * the file, so the seed never passes through the page.
 */
export function ImportHotkeyFileForm({ onDone }: { onDone: () => void }): ReactElement {
  const [draft, setDraft] = useDraft(drafts, DRAFT, () => ({ path: '' }));
  const { path } = draft;
  const importFile = useMutationChannel('importHotkeyFile', ['listWallets', 'listProfiles']);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    importFile.mutateAsync({ path }).then(
      () => drafts.drop(DRAFT, draft),
      // Said by the form from the mutation's state; the draft stays for another try.
      () => undefined,
    );
  };
  const cancel = () => {
    drafts.drop(DRAFT);
    onDone();
  };
  if (importFile.data) {
    return (
      <DonePanel onClose={onDone}>
        <p>
          The seed of <strong>{importFile.data.name}</strong> (<code>{importFile.data.ss58}</code>) is now in the system
          keychain.
        </p>
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
