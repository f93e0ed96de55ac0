import { useState, type FormEvent, type ReactElement } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  EXISTING_SERVER_FIELD,
  EXISTING_SS58_FIELD,
  EXISTING_USERNAME_FIELD,
  EXPORT_REPLACE_HINT,
  EXPORT_REPLACE_SEEDLESS_HINT,
  isWindowsPath,
  plaintextSeedWarning,
} from '../../../../shared/profile-texts';
import { failureIs } from '../../../../shared/errors';
import type { Profile } from '../../../../shared/profiles';
import { errorOf } from '../../api/client';
import { ErrorNotice } from '../../components/error-notice';
import { DonePanel, FormActions } from '../../components/form-parts';
import { Notice } from '../../components/notice';
import { useChannel, useMutationChannel } from '../../api/hooks';
import { sendDraft } from '../../frame/outcomes';
import { draftSlot, useDraft } from '../../lib/drafts';
import { useMountedRef } from '../../lib/use-mounted';
import { followIfGone } from './profile-gone';

/**
 * Per profile; `path` null: the CLI's own config path. The seed choice is not kept: it is an
 * explicit yes each time the form is opened.
 */
const drafts = draftSlot<{ path: string | null }>();

/** Write a profile as the CLI's config.ini; the seed goes in only after an explicit, informed yes. */
export function ExportProfileForm({ profile, onDone }: { profile: Profile; onDone: () => void }): ReactElement {
  const info = useChannel('getAppInfo', {});
  const [draft, setDraft] = useDraft(drafts, profile.id, () => ({ path: null }));
  const { path } = draft;
  const [includeSeed, setIncludeSeed] = useState(false);
  const exporter = useMutationChannel('exportProfile', ['locateCliConfig', 'cliConfigPermissions', 'seedCopies']);
  const shownPath = path ?? info.data?.configPath ?? '';
  const failure = exporter.error ? errorOf(exporter.error) : null;
  // Only a plain "the file exists" conflict may be confirmed; a refusal that would lose a seed may not.
  const conflict = failureIs(failure, 'export-target-exists');
  const existing = (path: string) => failure?.detail?.fields?.find((f) => f.path === path)?.message;
  const existingAccount = [existing(EXISTING_USERNAME_FIELD), existing(EXISTING_SS58_FIELD)].filter(Boolean).join(', ');
  // A file for the same hotkey on another server reads like a re-export unless both servers are named.
  const existingServer = existing(EXISTING_SERVER_FIELD);
  const otherServer = existingServer !== undefined && existingServer !== profile.baseUrl;

  const mounted = useMountedRef();
  const queries = useQueryClient();
  const run = (overwrite: boolean) => {
    const request = exporter.mutateAsync({ profileId: profile.id, path: shownPath, includeSeed, overwrite });
    // Removed in another window: the list is read again (this card goes), and the frame says so.
    void request.catch((error: unknown) => {
      if (mounted.current)
        void followIfGone(queries, error, profile.id, {
          text: `The profile ${profile.displayName} no longer exists, so nothing was exported: it was removed, perhaps in another window.`,
        });
    });
    return sendDraft(
      request,
      { slot: drafts, key: profile.id, sent: draft },
      {
        mounted,
        done: (r) => `Wrote ${r.path} for ${profile.displayName}. ${r.cliImpact}`,
        failed: `Exporting ${profile.displayName} to ${shownPath} failed`,
      },
    );
  };
  const cancel = () => {
    drafts.drop(profile.id);
    onDone();
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void run(false);
  };

  if (exporter.data) {
    return (
      <DonePanel onClose={onDone}>
        <p>
          Wrote <code>{exporter.data.path}</code>
          {exporter.data.overwritten
            ? exporter.data.previousServer
              ? ' (replaced the account on another server that the file held; its other sections and keys were kept)'
              : ' (replaced the file that was there; its other settings were kept)'
            : ''}
          .
        </p>
        <p className="small">{exporter.data.cliImpact}</p>
      </DonePanel>
    );
  }

  return (
    <form className="subform" onSubmit={onSubmit} aria-label={`Export ${profile.displayName}`}>
      <label className="field">
        Write to
        <input
          type="text"
          value={shownPath}
          spellCheck={false}
          onChange={(e) => {
            setDraft({ path: e.target.value });
            exporter.reset();
          }}
        />
      </label>
      <label className="choice">
        <input
          type="checkbox"
          checked={includeSeed}
          onChange={(e) => {
            setIncludeSeed(e.target.checked);
            exporter.reset();
          }}
        />
        Include the hotkey seed in plain text, so the chutes CLI can sign with this file
      </label>
      {includeSeed ? (
        <Notice tone="warn">
          <p>{plaintextSeedWarning(isWindowsPath(info.data?.configPath ?? ''))}</p>
        </Notice>
      ) : null}
      {conflict ? (
        <Notice tone="warn">
          <p>
            A file already exists at <code>{shownPath}</code>
            {existingAccount ? <> with the account {existingAccount}</> : null}
            {existingServer ? <> on {existingServer}</> : null}.{' '}
            {otherServer ? <>Replace it with the account on {profile.baseUrl}?</> : 'Replace it?'} {EXPORT_REPLACE_HINT}
            {includeSeed ? null : <> {EXPORT_REPLACE_SEEDLESS_HINT}</>}
          </p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void run(true)} disabled={exporter.isPending}>
              Replace the file
            </button>
          </div>
        </Notice>
      ) : exporter.error ? (
        <ErrorNotice error={exporter.error} />
      ) : null}
      <FormActions
        submit={exporter.isPending ? 'Exporting…' : includeSeed ? 'Export with seed' : 'Export'}
        busy={exporter.isPending}
        disabled={shownPath.trim() === ''}
        secondary={conflict}
        onCancel={cancel}
      />
    </form>
  );
}
