import { useEffect, useMemo, useState, type ReactElement } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ActiveProfileGate } from '../components/active-profile-gate';
import { ErrorNotice } from '../components/error-notice';
import { ListShortfall } from '../components/list-shortfall';
import { Notice } from '../components/notice';
import { ScreenHeader } from '../components/screen-header';
import { isAt, navigate } from '../routes';
import { channelKey } from '../api/hooks';
import type { ScreenProps } from '../app';
import styles from './api-keys/api-keys.module.css';
import { BulkDelete } from './api-keys/bulk-delete';
import { CreateKeyForm, type NamesCheck } from './api-keys/create-key-form';
import { AUTH_CACHE_NOTE } from './api-keys/delete-key-dialog';
import { KeyDetails } from './api-keys/key-details';
import { KeyTable } from './api-keys/key-table';
import { profileLabel } from '../frame/profile-switcher';
import {
  forgetKeys,
  holdCreatedKey,
  releaseCreatedKey,
  useCreatedKeys,
  type PendingReveal,
} from './api-keys/created-key-store';
import { RevealDialog } from './api-keys/reveal-dialog';
import { accessText } from './api-keys/scope-text';
import { RotateFlow } from './api-keys/rotate-flow';
import { KEY_MAX_PAGES, useKeyList, type KeyList } from './api-keys/use-key-list';

const CREATE_BUTTON_ID = 'api-keys-create';
/** The profile whose keys this screen showed last (null: none yet this session). */
let keysShownFor: string | null = null;
/**
 * Where the keyboard goes on when what held the focus is gone (the create form behind the secret's
 * dialog, a deleted key's page): "Create key…", once the list has rendered it. A page without it
 * (a rotation focuses its own next step, rotate-flow.tsx) keeps a focus it has, else gets the main
 * region's, never <body>.
 */
const focusCreateButton = () =>
  setTimeout(() => {
    const button = document.getElementById(CREATE_BUTTON_ID);
    if (button) button.focus();
    else if (document.activeElement === document.body) document.getElementById('main')?.focus();
  }, 0);

export function ApiKeysScreen({ sub }: ScreenProps): ReactElement {
  // Outside the profile gate: a secret still to be shown survives a profile switch or a keychain
  // that stopped answering, which unmount everything inside the gate.
  const [reveal] = useCreatedKeys().pending;
  return (
    <>
      <ScreenHeader title="API keys">
        The keys that let programs call Chutes on your behalf. Give each program only the access it needs.
      </ScreenHeader>
      {reveal ? (
        <RevealDialog
          key={reveal.created.key.id}
          secret={reveal.created.secret}
          keyName={reveal.created.key.name}
          account={profileLabel(reveal.account)}
          replaces={reveal.replaces?.name ?? null}
          access={accessText(reveal.created.key)}
          onClosed={(stored) => {
            releaseCreatedKey(reveal.created.key.id, stored);
            focusCreateButton();
          }}
        />
      ) : null}
      <ActiveProfileGate purpose="Managing API keys" signedToShow="Listing API keys">
        {({ profile, canSign }) =>
          !canSign ? null : (
            <KeysForProfile
              key={profile.id}
              account={{ profileId: profile.id, username: profile.username, baseUrl: profile.baseUrl }}
              baseUrl={profile.baseUrl}
              canSign={canSign}
              sub={sub}
            />
          )
        }
      </ActiveProfileGate>
    </>
  );
}

function Progress({ list }: { list: KeyList }): ReactElement | null {
  if (list.status === 'done' || list.status === 'error') return null;
  // Announced once, when loading starts (the same element stays while pages arrive), and the end is
  // the shown-keys count filling in (key-table.tsx): a live region read out at every page would talk
  // over everything for the minute 500 pages take.
  return (
    <>
      <p className={list.pagesTotal === null ? 'muted' : 'sr-only'} role="status">
        Loading keys…
      </p>
      {list.pagesTotal === null ? null : (
        <div className={styles.progress} role="group" aria-label="Loading progress">
          {/* By keys, not pages: the text beside it counts keys, and the last page is rarely full. */}
          <progress
            max={Math.max(list.total ?? 0, list.keys.length, 1)}
            value={list.keys.length}
            aria-label="Keys loaded"
          />
          <span className="small muted">
            {list.keys.length.toLocaleString('en-US')} of {list.total?.toLocaleString('en-US') ?? '?'} keys loaded (
            {list.pagesLoaded}/{list.pagesTotal} pages)
          </span>
        </div>
      )}
    </>
  );
}

function KeysForProfile({
  account,
  baseUrl,
  canSign,
  sub,
}: {
  account: PendingReveal['account'];
  baseUrl: string;
  canSign: boolean;
  sub: string[];
}): ReactElement {
  const list = useKeyList(account.profileId);
  const queries = useQueryClient();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [deleting, setDeleting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const takenNames = useMemo(() => new Set(list.keys.map((k) => k.name)), [list.keys]);
  // A list that failed does not hold the form up for good: the server refuses a taken name itself.
  const namesComplete: NamesCheck = list.status === 'done' ? true : list.status === 'error' ? 'unchecked' : false;
  const forget = (ids: string[]) => {
    forgetKeys(ids);
    list.removeIds(ids);
    // A Set, not ids.includes: a bulk delete may forget tens of thousands at once.
    const gone = new Set(ids);
    setSelected((s) => new Set([...s].filter((id) => !gone.has(id))));
    for (const id of ids) queries.removeQueries({ queryKey: channelKey('getApiKey', { id }) });
  };

  const [first, second] = sub;
  // A key's page (its details, its rotation) belongs to the profile it was opened on: after a
  // switch, here or in the other window, it gives way to the list instead of showing that key as
  // the new profile's, or acting on it there.
  // Decided before anything below renders, so no request for that key goes out as the new profile.
  const leftBehind =
    first !== undefined && first !== 'new' && keysShownFor !== null && keysShownFor !== account.profileId;
  useEffect(() => {
    keysShownFor = account.profileId;
    if (leftBehind) navigate('api-keys');
  }, [account.profileId, leftBehind]);
  if (leftBehind) return <></>;
  if (first === 'new') {
    return (
      <CreateKeyForm
        account={account}
        draftKey={`new:${account.profileId}`}
        takenNames={takenNames}
        namesComplete={namesComplete}
        submitLabel="Create key"
        onCancel={() => navigate('api-keys')}
        onListChanged={list.reload}
        onCreated={(created, formOpen) => {
          list.add(created.key);
          holdCreatedKey({ created, account, replaces: null });
          // Back to the list only from the form that sent it (not a newer one the user is filling
          // in); the secret waits for them anyway.
          if (formOpen) navigate('api-keys');
        }}
      />
    );
  }
  if (first && second === 'rotate') {
    return (
      <RotateFlow
        oldId={first}
        takenNames={takenNames}
        namesComplete={namesComplete}
        onListChanged={list.reload}
        account={account}
        onCreated={list.add}
        onRemoved={(id) => forget([id])}
      />
    );
  }
  if (first) {
    return (
      <KeyDetails
        id={first}
        profileId={account.profileId}
        baseUrl={baseUrl}
        canSign={canSign}
        cachedName={list.keys.find((k) => k.id === first)?.name}
        onDeleted={(result, name) => {
          forget([result.id]);
          // Elsewhere by now, the frame says it (delete-key-dialog.tsx); here, the list does.
          if (!isAt('api-keys', result.id)) return;
          setNotice(
            result.outcome === 'already-gone'
              ? `“${name}” was already gone — nothing left to delete.`
              : `Deleted “${name}”. ${AUTH_CACHE_NOTE}`,
          );
          navigate('api-keys');
          focusCreateButton();
        }}
      />
    );
  }

  const selectedKeys = list.keys.filter((k) => selected.has(k.id));
  // Listed, and there are none: what a key is for instead of an empty table and its tools.
  const empty = list.status === 'done' && list.keys.length === 0;
  return (
    <>
      {notice ? (
        <Notice tone="good" live>
          <p>{notice}</p>
        </Notice>
      ) : null}
      <div className={styles.bar}>
        <div className="actions">
          <button
            type="button"
            id={CREATE_BUTTON_ID}
            className="primary"
            disabled={!canSign}
            onClick={() => navigate('api-keys', 'new')}
          >
            Create key…
          </button>
          {empty ? null : (
            <button
              type="button"
              className="danger"
              // Not while the delete panel (its summary or its results) is open: pressing it would do nothing.
              disabled={!canSign || selectedKeys.length === 0 || deleting}
              onClick={() => setDeleting(true)}
            >
              Delete selected{selectedKeys.length ? ` (${selectedKeys.length.toLocaleString('en-US')})` : ''}
            </button>
          )}
          <button type="button" onClick={list.reload}>
            Refresh
          </button>
        </div>
        <Progress list={list} />
      </div>
      {deleting ? (
        <BulkDelete
          keys={selectedKeys}
          profileId={account.profileId}
          onFinished={(ids) => forget(ids)}
          onClose={() => {
            setDeleting(false);
          }}
        />
      ) : null}
      {list.status === 'error' ? <ErrorNotice error={list.error} /> : null}
      {list.status === 'done' && list.missing > 0 ? (
        <ListShortfall
          missing={list.missing}
          total={list.total ?? list.missing}
          noun="keys"
          stoppedBy={list.stoppedBy}
          pageCap={KEY_MAX_PAGES}
          askedAgain={list.stoppedBy === null}
          risk="Keys you cannot see here, admin keys among them, still work until they are deleted."
        />
      ) : null}
      {empty ? (
        <div className="empty">
          <p>
            <strong>No API keys yet.</strong> A key lets a program — a script, a server, an agent — call Chutes as this
            account without your hotkey. Give each program its own key with only the access it needs:{' '}
            <strong>Create key…</strong> starts from presets that allow the least for common jobs.
          </p>
        </div>
      ) : list.status === 'loading' || (list.status === 'error' && list.keys.length === 0) ? null : (
        <>
          <KeyTable
            keys={list.keys}
            selected={selected}
            onSelect={setSelected}
            paging={list.status === 'paging'}
            // The delete panel names and counts the keys it was opened with: while it is open, what it
            // says and what the toolbar counts stay the same keys.
            selectionLocked={
              deleting
                ? 'The selection is fixed while the delete panel above is open: close it to change which keys are selected.'
                : undefined
            }
          />
          <p className="small muted">
            Chutes does not report when a key was last used, and keys never expire. It does not report a scope’s action
            (invoke, read…) either: solid chips show the action this app recorded when it created the key here; dashed
            chips are scopes of keys made elsewhere, whose actions are unknown.
          </p>
        </>
      )}
    </>
  );
}
