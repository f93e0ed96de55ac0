import { shellQuote } from '../../../../shared/shell-quote';
import type { FormEvent, ReactElement } from 'react';
import { LEAVE_SEED_EXPLANATION, STRIP_SEED_EXPLANATION } from '../../../../shared/profile-texts';
import { plainTextNote } from '../../../../shared/server-address';
import { ErrorNotice } from '../../components/error-notice';
import { DonePanel, FormActions } from '../../components/form-parts';
import { useChannel, useMutationChannel } from '../../api/hooks';
import { sendDraft } from '../../frame/outcomes';
import { draftSlot, useDraft } from '../../lib/drafts';
import { useMountedRef } from '../../lib/use-mounted';

/** One form; `path` null: the CLI's own config path, once looked up. */
const drafts = draftSlot<{ path: string | null; strip: boolean }>();
const DRAFT = 'import';

/** Import the chutes CLI's config.ini: the seed moves into the keychain; the file is left or stripped. */
export function ImportCliConfigForm({ onDone }: { onDone: () => void }): ReactElement {
  const located = useChannel('locateCliConfig', {});
  const [draft, setDraft] = useDraft(drafts, DRAFT, () => ({ path: null, strip: false }));
  const { path, strip } = draft;
  const importConfig = useMutationChannel('importCliConfig', [
    'listProfiles',
    'listWallets',
    'locateCliConfig',
    'cliConfigPermissions',
    'seedCopies',
  ]);
  const shownPath = path ?? located.data?.path ?? '';
  const mounted = useMountedRef();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void sendDraft(
      importConfig.mutateAsync({ path: shownPath, stripSeed: strip }),
      { slot: drafts, key: DRAFT, sent: draft },
      {
        mounted,
        done: (s) =>
          [
            `Imported ${s.profile.displayName} from ${s.path}.`,
            s.cliImpact,
            s.paymentNote,
            plainTextNote(s.profile.baseUrl),
          ]
            .filter(Boolean)
            .join(' '),
        failed: `Importing the CLI config ${shownPath} failed`,
      },
    );
  };
  const cancel = () => {
    drafts.drop(DRAFT);
    onDone();
  };

  if (importConfig.data) {
    const summary = importConfig.data;
    return (
      <DonePanel onClose={onDone}>
        <p>
          Imported <strong>{summary.profile.displayName}</strong> from <code>{summary.path}</code>.
          {summary.seedStored ? ' The hotkey seed is now in the system keychain.' : ''}
        </p>
        <p className="small">{summary.cliImpact}</p>
        {summary.paymentNote ? <p className="small">{summary.paymentNote}</p> : null}
        {plainTextNote(summary.profile.baseUrl) ? (
          <p className="small">
            <strong>{plainTextNote(summary.profile.baseUrl)}</strong>
          </p>
        ) : null}
        {summary.permissionsTooOpen && !summary.fileChanged ? (
          <p className="small">
            <strong>That file can be read by other users of this machine.</strong> Make it private:{' '}
            <code>chmod 600 {shellQuote(summary.path)}</code>
          </p>
        ) : null}
      </DonePanel>
    );
  }

  return (
    <form className="subform" onSubmit={onSubmit} aria-label="Import CLI config">
      <label className="field">
        CLI config file
        {/* Read-only for the moment the CLI's own path is being looked up: a path arriving mid-typing
            would otherwise end up in front of what the user typed. */}
        <input
          type="text"
          value={shownPath}
          spellCheck={false}
          readOnly={located.isPending}
          placeholder={located.isPending ? 'Looking for the chutes CLI config…' : undefined}
          onChange={(e) => setDraft({ path: e.target.value })}
        />
      </label>
      {located.data && shownPath === located.data.path ? (
        <p className="small muted">
          {located.data.exists
            ? `This is where the chutes CLI keeps its config (${located.data.via === 'CHUTES_CONFIG_PATH' ? 'from CHUTES_CONFIG_PATH' : 'its default'}).`
            : located.data.isFolder
              ? located.data.via === 'CHUTES_CONFIG_PATH'
                ? 'CHUTES_CONFIG_PATH names a folder; it must name the config.ini file itself. Enter the path of the config.ini to import.'
                : 'This is a folder, not a file: the chutes CLI reads a config.ini file at this path. Enter the path of the config.ini to import.'
              : 'No file there yet: the chutes CLI has not saved a config at this path. Enter the path of another config.ini.'}
          {located.data.permissionsTooOpen ? ' It can be read by other users of this machine.' : ''}
        </p>
      ) : null}
      {located.error ? <ErrorNotice error={located.error} /> : null}
      <fieldset>
        <legend>After importing</legend>
        <label className="choice">
          <input type="radio" name="strip" checked={!strip} onChange={() => setDraft({ strip: false })} />
          Leave the CLI config as it is
          <span className="explain">{LEAVE_SEED_EXPLANATION}</span>
        </label>
        <label className="choice">
          <input type="radio" name="strip" checked={strip} onChange={() => setDraft({ strip: true })} />
          Remove the seed from the CLI config
          <span className="explain">{STRIP_SEED_EXPLANATION}</span>
        </label>
      </fieldset>
      {importConfig.error ? <ErrorNotice error={importConfig.error} /> : null}
      <FormActions
        submit={importConfig.isPending ? 'Importing…' : 'Import'}
        busy={importConfig.isPending}
        disabled={shownPath.trim() === ''}
        onCancel={cancel}
      />
    </form>
  );
}
