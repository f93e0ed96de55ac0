import { useState, type ReactElement } from 'react';
import { cliCommand } from '../../../shared/secret-keys';
import type { SecretItem } from '../../../shared/secrets';
import { ActiveProfileGate } from '../components/active-profile-gate';
import { ErrorNotice } from '../components/error-notice';
import { ListShortfall } from '../components/list-shortfall';
import { ScreenHeader } from '../components/screen-header';
import { CommandLine } from '../components/command-line';
import { CreateSecretForm } from './secrets/create-secret-form';
import { DeleteSecretsPanel } from './secrets/delete-secrets-panel';
import { ImportEnvPanel } from './secrets/import-env-panel';
import { SecretsList, useSecretSelection } from './secrets/secrets-list';
import styles from './secrets/secrets.module.css';
import { SECRETS_MAX_PAGES, useAllSecrets, useChutes, useRefreshSecrets } from './secrets/use-secrets';

type Panel = { kind: 'none' } | { kind: 'create' } | { kind: 'import' } | { kind: 'delete'; targets: SecretItem[] };

function SecretsBody({ canSign, profileId }: { canSign: boolean; profileId: string }): ReactElement {
  const chutes = useChutes();
  const all = useAllSecrets(profileId);
  const [panel, setPanel] = useState<Panel>({ kind: 'none' });
  const refresh = useRefreshSecrets();
  const [refreshing, setRefreshing] = useState(false);
  const refreshAll = async () => {
    setRefreshing(true);
    try {
      await refresh();
    } finally {
      setRefreshing(false);
    }
  };
  const close = () => setPanel({ kind: 'none' });
  const chuteList = chutes.data ?? [];
  const selection = useSecretSelection(all.secrets, chuteList);
  // No list of chutes at all (its read failed): the secrets are still shown, by chute id.
  const chutesUnread = Boolean(chutes.error) && !chutes.data;
  const chuteName = (id: string) =>
    chuteList.find((c) => c.chuteId === id)?.name ??
    (chutesUnread ? `the chute ${id}` : `a chute that no longer exists (${id})`);

  if (chutes.isPending || all.isPending)
    return (
      <p className="muted" role="status">
        Loading your chutes and secrets…
      </p>
    );
  const noChutes = chuteList.length === 0 && !chutesUnread;

  return (
    <div className="card">
      <div className="section-head">
        <h2>Your secrets</h2>
        {canSign ? (
          // The screen's buttons in one row, as on API keys: adding, deleting what is ticked below, refreshing.
          <div className="actions">
            {noChutes ? null : (
              <>
                {/* Both need a chute to pick: off while the chutes cannot be read (said below). */}
                <button
                  type="button"
                  className="primary"
                  disabled={chutesUnread}
                  aria-expanded={panel.kind === 'create'}
                  onClick={() => setPanel({ kind: 'create' })}
                >
                  Add a secret…
                </button>
                <button
                  type="button"
                  disabled={chutesUnread}
                  aria-expanded={panel.kind === 'import'}
                  onClick={() => setPanel({ kind: 'import' })}
                >
                  Import a .env file…
                </button>
              </>
            )}
            {all.secrets.length > 0 ? (
              <button
                type="button"
                className="danger"
                disabled={selection.chosen.length === 0}
                onClick={() => setPanel({ kind: 'delete', targets: selection.chosen })}
              >
                Delete selected{selection.chosen.length ? ` (${selection.chosen.length})` : ''}
              </button>
            ) : null}
            {/* Messages after a lost answer or a vanished chute say to refresh the list: this is how. */}
            <button type="button" disabled={refreshing} onClick={() => void refreshAll()}>
              {refreshing ? 'Refreshing…' : 'Refresh'}
            </button>
          </div>
        ) : null}
      </div>
      {panel.kind === 'create' ? (
        <div className={styles.panel}>
          <h3>Add a secret</h3>
          <CreateSecretForm profileId={profileId} chutes={chuteList} secrets={all.secrets} onClose={close} />
        </div>
      ) : null}
      {panel.kind === 'import' ? (
        <div className={styles.panel}>
          <h3>Import a .env file</h3>
          <ImportEnvPanel profileId={profileId} chutes={chuteList} onClose={close} />
        </div>
      ) : null}
      {panel.kind === 'delete' ? (
        // Keyed by what it deletes: another Delete clicked while it is open asks afresh, with nothing typed.
        <DeleteSecretsPanel
          key={panel.targets.map((t) => t.secretId).join(' ')}
          profileId={profileId}
          targets={panel.targets}
          chuteName={chuteName}
          onClose={close}
        />
      ) : null}
      {chutesUnread ? (
        <div role="group" aria-label="Chutes not read" className={styles.refreshFailed}>
          <ErrorNotice
            error={chutes.error}
            lead="Your chutes could not be read, so secrets are listed by chute id; adding and importing wait for them:"
          >
            <div className="actions">
              <button type="button" onClick={() => void chutes.refetch()} disabled={chutes.isFetching}>
                Try again
              </button>
            </div>
          </ErrorNotice>
        </div>
      ) : chutes.error ? (
        <div role="group" aria-label="Chutes list not refreshed" className={styles.refreshFailed}>
          <ErrorNotice
            error={chutes.error}
            lead="The list of your chutes could not be refreshed (the chutes shown are from the last answer):"
          >
            <div className="actions">
              <button type="button" onClick={() => void chutes.refetch()} disabled={chutes.isFetching}>
                Refresh the chutes
              </button>
            </div>
          </ErrorNotice>
        </div>
      ) : null}
      {all.error ? (
        <ErrorNotice
          error={all.error}
          lead={
            all.secrets.length > 0
              ? 'Not every secret could be read; the list below is partial:'
              : 'Your secrets could not be read:'
          }
        >
          <div className="actions">
            <button type="button" onClick={all.retry} disabled={all.retrying}>
              Try again
            </button>
          </div>
        </ErrorNotice>
      ) : null}
      {/* Above the list, as on API keys: below a long one it would go unseen. */}
      {all.missing > 0 ? (
        <ListShortfall
          missing={all.missing}
          total={all.total ?? all.missing}
          noun="secrets"
          stoppedBy={all.stoppedBy}
          pageCap={SECRETS_MAX_PAGES}
          askedAgain={false}
        />
      ) : null}
      {noChutes && all.secrets.length === 0 ? (
        <div className="empty">
          <p>
            <strong>You have no chutes yet, so there is nothing to attach a secret to.</strong> Secrets are environment
            variables a chute receives when it starts, such as <code>HF_TOKEN</code> for gated Hugging Face models. Each
            one belongs to one of your chutes: deploy a chute first (for example with <code>chutes deploy</code>), then
            come back to give it its secrets.
          </p>
          <button type="button" onClick={() => void chutes.refetch()}>
            Check again
          </button>
        </div>
      ) : all.error && all.secrets.length === 0 ? null : all.secrets.length === 0 && !all.loadingMore ? (
        // Not under an open form or import: the prompt would point at what the user is already doing.
        panel.kind === 'create' || panel.kind === 'import' ? null : (
          <div className="empty">
            <p>
              <strong>No secrets yet.</strong> Add one for a chute with <strong>Add a secret…</strong>, or several at
              once from a <code>.env</code> file: a token for gated Hugging Face models (<code>HF_TOKEN</code>), say, or
              a database URL.
            </p>
          </div>
        )
      ) : (
        <SecretsList
          secrets={all.secrets}
          chutes={chuteList}
          canSign={canSign}
          selection={selection}
          onDelete={(targets) => setPanel({ kind: 'delete', targets })}
          namesUnknown={chutesUnread}
        />
      )}
      {all.loadingMore ? (
        <p className="small muted" role="status">
          Loading more secrets… {all.secrets.length} of {all.total ?? '?'}
        </p>
      ) : null}
      {/* Only beside a list: with nothing to list it is one more thing to read. */}
      {all.secrets.length > 0 ? (
        <CommandLine command={cliCommand.list()} label="List them with the chutes CLI" />
      ) : null}
    </div>
  );
}

export function SecretsScreen(): ReactElement {
  return (
    <section>
      <ScreenHeader title="Secrets">
        Environment variables your chutes receive, such as HF_TOKEN. Values are write-only: Chutes never shows them
        again.
      </ScreenHeader>
      <ActiveProfileGate purpose="Managing secrets" signedToShow="Listing secrets">
        {({ canSign, profile }) =>
          canSign ? <SecretsBody key={profile.id} canSign={canSign} profileId={profile.id} /> : null
        }
      </ActiveProfileGate>
    </section>
  );
}
