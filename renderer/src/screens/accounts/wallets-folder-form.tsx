import { useState, type FormEvent, type ReactElement } from 'react';
import type { WalletsFolder } from '../../../../shared/wallets';
import { errorOf } from '../../api/client';
import { useMutationChannel } from '../../api/hooks';
import { ErrorNotice } from '../../components/error-notice';
import { DonePanel, FormActions, problemProps } from '../../components/form-parts';
import { draftSlot, useDraft } from '../../lib/drafts';

/** What was typed, when the screen is left before choosing or cancelling. */
const drafts = draftSlot<{ typed: string }>();
const DRAFT = 'wallets-folder';

/**
 * Point the app at another wallets folder, for people who start it from a menu and cannot set
 * BT_WALLET_PATH. Main checks the folder and keeps the choice (wallets-folder.ts); what was typed
 * stays in the field when it is refused.
 */
export function WalletsFolderForm({
  current,
  chosen,
  defaultPath,
  onDone,
}: {
  current: string;
  /** Whether the current folder was chosen here (so the default can be gone back to). */
  chosen: boolean;
  defaultPath: string;
  onDone: () => void;
}): ReactElement {
  const [draft, setDraft] = useDraft(drafts, DRAFT, () => ({ typed: current }));
  const { typed } = draft;
  const setTyped = (value: string) => setDraft({ typed: value });
  const close = () => {
    drafts.drop(DRAFT);
    onDone();
  };
  // A registration being reviewed names a wallet hotkey by its place in the folder: read it again.
  const choose = useMutationChannel('chooseWalletsFolder', ['listWallets', 'getAppInfo', 'previewRegistration']);
  const [done, setDone] = useState<WalletsFolder | null>(null);
  const send = (path: string | null) =>
    choose.mutate(
      { path },
      {
        onSuccess: (folder) => {
          drafts.drop(DRAFT);
          setDone(folder);
        },
      },
    );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send(typed);
  };
  if (done) {
    return (
      <DonePanel onClose={onDone}>
        <p>
          Wallets are now looked for in <code>{done.path}</code>
          {done.source === 'default' ? ' (the default, where btcli keeps them)' : ''}. The app keeps this choice.
        </p>
      </DonePanel>
    );
  }
  const fieldProblem = choose.error ? errorOf(choose.error).detail?.fields?.[0]?.message : undefined;
  return (
    <form className="subform" onSubmit={onSubmit} aria-label="Change the wallets folder">
      <label className="field">
        <span>Wallets folder</span>
        <input
          type="text"
          value={typed}
          spellCheck={false}
          onChange={(e) => {
            setTyped(e.target.value);
            choose.reset();
          }}
          {...problemProps(fieldProblem ?? null, 'wallets-folder-problem')}
          aria-describedby={fieldProblem ? 'wallets-folder-hint wallets-folder-problem' : 'wallets-folder-hint'}
        />
      </label>
      <p id="wallets-folder-hint" className="small muted">
        The folder that holds one folder per wallet, as <code>~/.bittensor/wallets</code> does.
      </p>
      {choose.error ? (
        <div id="wallets-folder-problem">
          <ErrorNotice error={choose.error} />
        </div>
      ) : null}
      {chosen ? (
        <p className="small">
          <button type="button" onClick={() => send(null)} disabled={choose.isPending}>
            Use the default folder
          </button>{' '}
          <code>{defaultPath}</code>
        </p>
      ) : null}
      <FormActions
        submit={choose.isPending ? 'Checking the folder…' : 'Use this folder'}
        busy={choose.isPending}
        disabled={typed.trim() === ''}
        onCancel={close}
      />
    </form>
  );
}
