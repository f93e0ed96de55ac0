import { useState, type FormEvent, type ReactElement } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Profile } from '../../../../shared/profiles';
import { displayName } from '../../../../shared/validation';
import { ErrorNotice } from '../../components/error-notice';
import { FormActions, FormProblem, problemProps } from '../../components/form-parts';
import { useMutationChannel } from '../../api/hooks';
import { sendDraft } from '../../frame/outcomes';
import { draftSlot, useDraft } from '../../lib/drafts';
import { useMountedRef } from '../../lib/use-mounted';
import { followIfGone } from './profile-gone';

/** Per profile. */
const drafts = draftSlot<{ name: string }>();

export function RenameProfileForm({ profile, onDone }: { profile: Profile; onDone: () => void }): ReactElement {
  const [draft, setDraft] = useDraft(drafts, profile.id, () => ({ name: profile.displayName }));
  const { name } = draft;
  const [problem, setProblem] = useState<string | null>(null);
  const rename = useMutationChannel('renameProfile', ['listProfiles']);
  const mounted = useMountedRef();
  const queries = useQueryClient();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = displayName.safeParse(name);
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? 'Enter a name');
      return;
    }
    setProblem(null);
    const request = rename.mutateAsync({ profileId: profile.id, displayName: parsed.data });
    // Removed in another window: the list is read again (this card goes), and the frame says so.
    void request.catch((error: unknown) => {
      if (mounted.current)
        void followIfGone(queries, error, profile.id, {
          text: `The profile ${profile.displayName} no longer exists, so it was not renamed: it was removed, perhaps in another window.`,
        });
    });
    void sendDraft(
      request,
      { slot: drafts, key: profile.id, sent: draft },
      { mounted, done: () => `Renamed to “${parsed.data}”.`, failed: `Renaming ${profile.displayName} failed` },
    ).then((renamed) => {
      // Not once the panel is gone: the card may have opened another panel meanwhile.
      if (renamed && mounted.current) onDone();
    });
  };
  const cancel = () => {
    drafts.drop(profile.id);
    onDone();
  };
  return (
    <form className="subform" onSubmit={onSubmit} aria-label={`Rename ${profile.displayName}`} noValidate>
      <label className="field">
        Profile name
        <input
          type="text"
          value={name}
          maxLength={120}
          {...problemProps(problem, `rename-${profile.id}-problem`)}
          onChange={(e) => setDraft({ name: e.target.value })}
        />
      </label>
      <FormProblem text={problem} id={`rename-${profile.id}-problem`} />
      {rename.error ? <ErrorNotice error={rename.error} /> : null}
      <FormActions submit="Save name" busy={rename.isPending} onCancel={cancel} />
    </form>
  );
}
