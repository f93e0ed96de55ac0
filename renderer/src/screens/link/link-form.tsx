import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, type FormEvent, type ReactElement } from 'react';
import { failureIs } from '../../../../shared/errors';
import { LINK_KIND_LABEL, LINK_KIND_WORD, type LinkHotkeySource, type LinkKind } from '../../../../shared/link';
import type { ProfileView } from '../../../../shared/profiles';
import { errorOf } from '../../api/client';
import { channelKey, useMutationChannel } from '../../api/hooks';
import { useWallets } from '../../api/use-wallets';
import { ErrorNotice } from '../../components/error-notice';
import { Notice } from '../../components/notice';
import { WithCode } from '../../components/with-code';
import { useHostWords } from '../register/host-words';
import { linkChoices, pickChoice, unusableHotkeys } from './link-choices';
import { LinkSuccess } from './link-result';
import { ExplainedChoice } from './explained-choice';
import { LinkSource } from './link-source';
import { WhatExistsInstead } from './what-exists-instead';
import styles from './link.module.css';
import { tellIfLeft } from '../../frame/outcomes';
import { useMountedRef } from '../../lib/use-mounted';
import { draftSlot, useDraft } from '../../lib/drafts';

type LinkDraft = { kind: LinkKind; from: 'wallet' | 'file'; walletValue: string; filePath: string; keep: boolean };
const drafts = draftSlot<LinkDraft>();

const KIND_HELP: Record<LinkKind, string> = {
  validator: 'A validator hotkey on the server’s list of validators.',
  subnet_owner: 'The hotkey of a subnet owner on the server’s list of subnet owners.',
};

/**
 * A link changes the account's roles (and so its quotas): the Account screen's answers are read
 * again, as after the other changes to the account. A link that failed is refreshed for too: a
 * lost answer may have linked, a missing route changes what the server is known to offer, and a
 * hotkey or seed gone from under the form changes the list of hotkeys.
 */
const LINK_REFRESHES = ['detectLinking', 'listWallets', 'accountOverview', 'accountLimits'] as const;

/** The link was refused because what the preview showed is no longer so: it has to be previewed again. */
const previewStale = (error: unknown): boolean =>
  failureIs(error, 'hotkey-changed', 'profile-changed') ||
  (failureIs(error, 'not-found') && !failureIs(error, 'linking-not-offered', 'no-active-profile'));

/** Said before the link and beside it: the server keeps one hotkey per account and type (reference §4). */
const REPLACES = 'A new link of the same type replaces this account’s current one';

/** The link form: type, hotkey, username, preview of exactly what is signed and sent, then submit. */
export function LinkForm({ profile, canSign }: { profile: ProfileView; canSign: boolean }): ReactElement {
  const wallets = useWallets();
  const choices = useMemo(() => linkChoices(wallets.data, profile.hotkeySs58), [wallets.data, profile.hotkeySs58]);
  // Kept per profile when the screen is left: a hotkey file's path takes some typing.
  const [draft, setDraft] = useDraft<LinkDraft>(drafts, profile.id, () => ({
    kind: 'validator',
    from: 'wallet',
    walletValue: '',
    filePath: '',
    keep: false,
  }));
  const { kind, from, walletValue, filePath, keep } = draft;
  const setKind = (v: LinkKind) => setDraft({ kind: v });
  const setFrom = (v: 'wallet' | 'file') => setDraft({ from: v });
  const setWalletValue = (v: string) => setDraft({ walletValue: v });
  const setFilePath = (v: string) => setDraft({ filePath: v });
  const setKeep = (v: boolean) => setDraft({ keep: v });
  const client = useQueryClient();
  const preview = useMutationChannel('previewLink');
  const link = useMutationChannel('link', LINK_REFRESHES);
  // Keyboard and screen-reader users land on the preview when it appears, one Tab from "Sign and link".
  const previewHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (preview.data) previewHeading.current?.focus();
  }, [preview.data]);

  const { choice, gone } = pickChoice(choices, walletValue, wallets.data);
  // A picked hotkey gone from the list is said, not replaced by the file field or another hotkey.
  const useFile = from === 'file' || (wallets.isSuccess && choices.length === 0 && walletValue === '');
  const source: LinkHotkeySource | null = useFile
    ? filePath.trim()
      ? { kind: 'file', path: filePath.trim() }
      : null
    : (choice?.source ?? null);
  const unusable = useMemo(() => unusableHotkeys(wallets.data), [wallets.data]);
  // What "Sign and link" sends: the source the preview was made from, not what the form reads now.
  const previewed = preview.data && preview.variables ? { data: preview.data, source: preview.variables.source } : null;
  // The hotkey previewed from the list went (its seed removed, the folder changed): its preview cannot be signed.
  const previewedFromList = previewed !== null && previewed.source.kind !== 'file';
  // The profile now has another name (followed the server's after a refusal, or renamed from another
  // window): the signed text the preview showed names the old one.
  const previewedOtherName = previewed !== null && previewed.data.username !== profile.username;
  const resetPreview = preview.reset;
  useEffect(() => {
    if ((gone && previewedFromList) || previewedOtherName) resetPreview();
  }, [gone, previewedFromList, previewedOtherName, resetPreview]);

  // Any change invalidates what was previewed: the user submits only what they have seen. While a
  // link is being sent the fields are disabled: a reset then would hide its outcome, not stop it.
  const changed =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      if (link.isPending) return;
      set(v);
      preview.reset();
      link.reset();
    };
  const onPreview = (event: FormEvent) => {
    event.preventDefault();
    if (!source || link.isPending) return;
    link.reset();
    // Pinned: a list read again later (reordered, or another hotkey first) keeps this one picked.
    if (!useFile && choice) setDraft({ walletValue: choice.value });
    preview.mutate({ kind, source });
  };
  const mounted = useMountedRef();
  const onLink = () => {
    if (!previewed) return;
    const { data, source: sentSource } = previewed;
    // The address the preview showed: main refuses if the source now holds another hotkey.
    const reviewedHotkey = data.linkedHotkey;
    // And the name it showed in the signed message: another window may rename the profile meanwhile.
    const reviewedUsername = data.username;
    // Only a seed read from a file can be kept: one from the keychain is there already.
    const keepAsked = keep && data.seedFrom === 'file';
    const sentDraft = draft;
    const sent = link.mutateAsync({
      kind: data.kind,
      source: sentSource,
      keepInKeychain: keepAsked,
      reviewedHotkey,
      reviewedUsername,
      reviewedFor: profile.id,
    });
    void sent.then(
      () => drafts.drop(profile.id, sentDraft),
      (error: unknown) => {
        // And the profiles: a refusal for a stale username makes the profile follow the server's name.
        for (const name of [...LINK_REFRESHES, 'listProfiles'] as const)
          void client.invalidateQueries({ queryKey: channelKey(name) });
        // "Preview the link again": the stale preview goes, and with it "Sign and link".
        if (previewStale(error)) preview.reset();
      },
    );
    // A lost answer is said as "may have been linked" there, not as a failure.
    tellIfLeft(mounted, sent, {
      done: (r) =>
        `The hotkey ${r.linkedHotkey} is linked to ${r.username} (${r.kind === 'validator' ? 'validator' : 'subnet owner'}).`,
      failed: 'Linking the hotkey failed',
    });
  };
  const lost = failureIs(link.error, 'answer-lost');
  const { keychain } = useHostWords();

  if (link.data) {
    return (
      <LinkSuccess
        result={link.data}
        onAgain={() => {
          link.reset();
          preview.reset();
        }}
      />
    );
  }

  return (
    <form className={`card ${styles.form}`} aria-label="Link a hotkey" onSubmit={onPreview}>
      <fieldset disabled={link.isPending}>
        <legend>Link type</legend>
        <div className={styles.kinds}>
          {(['validator', 'subnet_owner'] as const).map((k) => (
            <ExplainedChoice
              key={k}
              type="radio"
              name="link-kind"
              value={k}
              checked={kind === k}
              onChange={() => changed(setKind)(k)}
              explain={KIND_HELP[k]}
            >
              {LINK_KIND_LABEL[k]}
            </ExplainedChoice>
          ))}
        </div>
      </fieldset>

      <LinkSource
        kind={kind}
        useFile={useFile}
        choices={choices}
        choice={choice}
        picked={walletValue !== ''}
        gone={gone}
        unusable={unusable}
        filePath={filePath}
        keep={keep}
        wallets={{ data: wallets.data, error: wallets.error }}
        disabled={link.isPending}
        onFrom={changed(setFrom)}
        onChoice={changed(setWalletValue)}
        onFilePath={changed(setFilePath)}
        onKeep={changed(setKeep)}
      />

      <p>
        Chutes username: <span className={styles.username}>{profile.username}</span>{' '}
        <span className="small muted">(from the active profile)</span>
      </p>

      {/* Once shown, the preview is what is sent: changing anything above takes it away and brings this back. */}
      {preview.data ? null : (
        <div className="actions">
          <button type="submit" disabled={!source || preview.isPending || !canSign}>
            {preview.isPending ? 'Preparing…' : 'Show what will be signed'}
          </button>
        </div>
      )}
      {preview.error ? <ErrorNotice error={preview.error} /> : null}

      {preview.data ? (
        <section className={styles.preview} aria-label="What will be signed and sent">
          <h2 ref={previewHeading} tabIndex={-1}>
            What will be signed and sent
          </h2>
          <dl className="facts">
            <dt>Signed by</dt>
            <dd>
              {preview.data.sourceLabel} <code>{preview.data.linkedHotkey}</code>
              {preview.data.seedFrom === 'keychain' ? (
                <span className="small muted"> — with its seed in {keychain}</span>
              ) : null}
            </dd>
            <dt>Signed message</dt>
            <dd>
              <code>{preview.data.signedMessage}</code>
            </dd>
            <dt>Request</dt>
            <dd>
              <code>
                {preview.data.request.method} {preview.data.request.url}&amp;signature=
                <var className={styles.placeholder}>&lt;signature of the message above, made when you submit&gt;</var>
              </code>
            </dd>
            <dt>Sent as</dt>
            <dd>
              Signed by your account's hotkey <code>{preview.data.request.auth.hotkey}</code> (header{' '}
              <code>{preview.data.request.auth.header}</code>), purpose <code>{preview.data.request.auth.purpose}</code>
            </dd>
          </dl>
          <p className="small">
            {REPLACES}: an account has one {LINK_KIND_WORD[preview.data.kind]} hotkey linked at a time.
          </p>
          <div className="actions">
            <button type="button" className="primary" onClick={onLink} disabled={link.isPending}>
              {link.isPending
                ? 'Linking…'
                : `Sign and link ${lost ? 'again ' : ''}as ${LINK_KIND_LABEL[preview.data.kind].toLowerCase()}`}
            </button>
          </div>
        </section>
      ) : null}

      {link.error && lost ? (
        <Notice tone="warn" live>
          <p>
            <strong>{errorOf(link.error).message}</strong> <WithCode text={errorOf(link.error).detail?.hint ?? ''} />
          </p>
        </Notice>
      ) : link.error ? (
        <div>
          <ErrorNotice error={link.error} />
          {failureIs(link.error, 'linking-not-offered') ? <WhatExistsInstead /> : null}
        </div>
      ) : null}
    </form>
  );
}
