import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactElement } from 'react';
import { failureIs } from '../../../../shared/errors';
import type { ProfileView } from '../../../../shared/profiles';
import { errorOf } from '../../api/client';
import { channelKey, useMutationChannel } from '../../api/hooks';
import { useWallets } from '../../api/use-wallets';
import { ErrorNotice } from '../../components/error-notice';
import {
  DonePanel,
  editing,
  FieldProblem,
  fieldIssueProps,
  FormActions,
  FormProblem,
  type FieldIssue,
} from '../../components/form-parts';
import { tellIfLeft, tellOutcome } from '../../frame/outcomes';
import { shortAddress } from '../../lib/short-address';
import { useMountedRef } from '../../lib/use-mounted';
import { FingerprintField, fingerprintInput, fingerprintMissing, type FingerprintChoice } from './fingerprint-field';
import type { OpsAccount } from './fingerprint-ops';
import { keychainUnknownNote } from '../../lib/keychain-unknown';

// The two fingerprint operations that end this hotkey's hold on the account (`../shared/reference/chutes-account-api.md` §3.4, §3.7).

/** Re-bind the account to another hotkey whose seed is in the keychain (`change_bt_auth`, §3.7). */
export function MoveHotkey({
  overview,
  profile,
  onClose,
}: {
  overview: OpsAccount;
  profile: ProfileView;
  onClose: () => void;
}): ReactElement {
  const wallets = useWallets();
  const seeds = (wallets.data?.seedsInKeychain ?? []).filter((s) => s.ss58 !== profile.hotkeySs58);
  const keychainUnknown = keychainUnknownNote(wallets.data);
  const [target, setTarget] = useState('');
  const [fp, setFp] = useState<FingerprintChoice>(
    overview.fingerprintStored ? { remember: false } : { fingerprint: '', remember: false },
  );
  const [problem, setProblem] = useState<FieldIssue<'target' | 'fingerprint'> | null>(null);
  const move = useMutationChannel('changeAccountHotkey', 'all');
  const mounted = useMountedRef();
  const chosenSeed = seeds.find((s) => s.ss58 === target);
  const targetName = chosenSeed ? (chosenSeed.label ?? shortAddress(chosenSeed.ss58)) : 'the new hotkey';
  if (move.data) {
    return (
      <DonePanel onClose={onClose}>
        <p>
          <strong>The account now belongs to hotkey {move.data.hotkeyName}</strong> (<code>{move.data.hotkeySs58}</code>
          ). The profile was updated. If you use the CLI, export this profile to its config.ini again: the old file
          still names the old hotkey.
        </p>
      </DonePanel>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!target) return setProblem({ field: 'target', text: 'Choose the hotkey to move to.' });
    if (fingerprintMissing(fp)) return setProblem({ field: 'fingerprint', text: 'Enter the fingerprint.' });
    setProblem(null);
    tellIfLeft(mounted, move.mutateAsync({ ...fingerprintInput(fp), newHotkey: target, reviewedFor: profile.id }), {
      done: (r) =>
        `The account ${overview.username} now belongs to hotkey ${r.hotkeyName} (${r.hotkeySs58}); the profile was updated. If you use the CLI, export this profile to its config.ini again.`,
      failed: `Moving the account ${overview.username} to another hotkey failed`,
    });
  };
  return (
    <form className="subform" aria-label="Move to another hotkey" onSubmit={submit} noValidate>
      <p>
        Chutes re-binds this account to another hotkey: requests signed by the current hotkey ({profile.hotkeyName})
        stop working for it, the new one signs from then on. Only hotkeys whose seed is in the keychain are offered, so
        this profile can still sign afterwards.
      </p>
      <label className="field">
        New hotkey
        <select
          value={target}
          {...fieldIssueProps(problem, 'move', 'target')}
          onChange={(e) => {
            setTarget(e.target.value);
            setProblem(editing('target'));
          }}
        >
          <option value="">Choose a hotkey…</option>
          {seeds.map((s) => (
            <option key={s.ss58} value={s.ss58}>
              {s.label ?? 'unnamed'} — {s.ss58}
            </option>
          ))}
        </select>
      </label>
      <FieldProblem issue={problem} form="move" field="target" />
      {keychainUnknown ? (
        <p className="small muted">{keychainUnknown}</p>
      ) : seeds.length === 0 && !wallets.isPending ? (
        <p className="small muted">
          No other hotkey is in the keychain. Add one on the Profiles & hotkeys screen first.
        </p>
      ) : null}
      <FingerprintField
        stored={overview.fingerprintStored}
        value={fp}
        onChange={(next) => {
          setFp(next);
          setProblem(editing('fingerprint'));
        }}
        idPrefix="move"
      />
      <FieldProblem issue={problem} form="move" field="fingerprint" />
      {move.error ? <ErrorNotice error={move.error} /> : null}
      {/* Says what pressing it does, and to which hotkey: the choice above is easy to overlook. */}
      <FormActions submit={`Bind to ${targetName}`} busy={move.isPending} onCancel={onClose} />
    </form>
  );
}

/** Delete the account for good (§3.4), confirmed by typing the username. */
export function DeleteAccount({
  overview,
  profileId,
  onClose,
}: {
  overview: OpsAccount;
  /** The profile this form was opened for: main refuses the delete if another is active by then. */
  profileId: string;
  onClose: () => void;
}): ReactElement {
  const [typed, setTyped] = useState('');
  const [fp, setFp] = useState<FingerprintChoice>(
    overview.fingerprintStored ? { remember: false } : { fingerprint: '', remember: false },
  );
  const [problem, setProblem] = useState<string | null>(null);
  const remove = useMutationChannel('deleteAccount', 'all');
  const queries = useQueryClient();
  const mounted = useMountedRef();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (typed !== overview.username) return setProblem(`Type ${overview.username} exactly to confirm.`);
    if (fingerprintMissing(fp)) return setProblem('Enter the fingerprint.');
    setProblem(null);
    // mutateAsync, not mutate's onSuccess: the refresh after a delete removes the profile, which unmounts this form, and
    // TanStack Query skips a per-call onSuccess once its component is gone, so the confirmation was sometimes never shown.
    // A failure is shown from remove.error below; the rejected promise needs no handling of its own.
    remove
      .mutateAsync({ ...fingerprintInput(fp), remember: false, confirmUsername: typed, reviewedFor: profileId })
      .then((r) =>
        // Said by the frame: the profile is gone, so this screen shows another one (or none) next.
        tellOutcome(
          r.profileRemoved
            ? {
                tone: 'good',
                text: `The Chutes account ${overview.username} was deleted, and its profile removed. The hotkey seed is still in the keychain.`,
              }
            : {
                tone: 'warn',
                text: `The Chutes account ${overview.username} was deleted, but its profile could not be removed here (${r.profileProblem ?? 'no reason given'}). Remove it on the Profiles & hotkeys screen. The hotkey seed is still in the keychain.`,
              },
        ),
      )
      .catch((error: unknown) => {
        // Refused for its balance or what it owns: the overview above should show what the server saw.
        if (failureIs(error, 'account-not-deletable'))
          void queries.invalidateQueries({ queryKey: channelKey('accountOverview') });
        // The form says it while it is up; otherwise the frame does.
        if (!mounted.current && !failureIs(error, 'profile-changed'))
          tellOutcome({
            tone: 'warn',
            text: `Deleting the account ${overview.username} failed: ${errorOf(error).message}`,
          });
      });
  };
  return (
    <form className="subform" aria-label="Delete the account" onSubmit={submit} noValidate>
      <p>
        <strong>This deletes the Chutes account {overview.username} for good</strong>, with its API keys and usage
        history. The server refuses while the account has roles, a balance beyond ±$25.00, or still owns chutes, images
        or secrets. The profile is removed here; the hotkey seed stays in the keychain.
      </p>
      <label className="field">
        Type the username to confirm
        <input
          type="text"
          autoComplete="off"
          value={typed}
          onChange={(e) => {
            setTyped(e.target.value);
            setProblem(null);
          }}
        />
      </label>
      <FingerprintField
        stored={overview.fingerprintStored}
        value={fp}
        onChange={(next) => {
          setFp(next);
          setProblem(null);
        }}
        idPrefix="delete"
        // Nothing to remember a fingerprint for once the account is gone (the request says remember: false).
        offerRemember={false}
      />
      <FormProblem text={problem} />
      {remove.error ? (
        <ErrorNotice error={remove.error}>
          <FixAtButton error={remove.error} />
        </ErrorNotice>
      ) : null}
      <div className="actions">
        <button type="submit" className="danger-fill" disabled={remove.isPending || typed !== overview.username}>
          Delete the account
        </button>
        <button type="button" data-cancel onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

const FIX_AT = {
  'balance-transfers': { label: 'Go to Balance transfers', target: 'account-transfer' },
  'top-up': { label: 'Go to Top up', target: 'account-top-up-title' },
} as const;

/**
 * A refusal whose fix is made elsewhere on this screen: a button that takes the user there. The
 * focus goes to that part's heading, not a control in it: a transfer reviewed earlier may be
 * waiting there with "Send now" first. Not offered when that part is not on the screen.
 */
function FixAtButton({ error }: { error: unknown }): ReactElement | null {
  const fixAt = errorOf(error).detail?.fixAt;
  if (!fixAt) return null;
  const { label, target } = FIX_AT[fixAt];
  if (!document.getElementById(target)) return null;
  return (
    <div className="actions">
      <button
        type="button"
        onClick={() => {
          const heading = document.getElementById(target);
          if (!heading) return;
          heading.tabIndex = -1;
          heading.scrollIntoView({ block: 'start', behavior: 'smooth' });
          heading.focus({ preventScroll: true });
        }}
      >
        {label}
      </button>
    </div>
  );
}
