import { useState, type ReactElement } from 'react';
import { ENV_VAR, type ApiKeyView, type DeleteResult } from '../../../../shared/api-keys';
import { failureIs } from '../../../../shared/errors';
import { useChannel } from '../../api/hooks';
import { Badge } from '../../components/badge';
import { CopyButton } from '../../components/copy-button';
import { ErrorNotice } from '../../components/error-notice';
import { Notice } from '../../components/notice';
import { hrefTo, navigate } from '../../routes';
import { DeleteKeyPanel } from './delete-key-dialog';
import { PUBLIC_MODELS } from './key-powers';
import { UnfinishedRotation } from './resumed-rotation';
import { dateTime, utcText } from '../../lib/date-time';
import { CommandLine } from '../../components/command-line';
import { visibleText } from '../../../../shared/visible-text';

const NOT_REPORTED = 'not reported by the server';

/**
 * A read the key may make, as a curl line: for an admin key only. A scoped key is checked against
 * the path's last segment (`""` for `/chutes/`, the id for `/chutes/{id}`, reference §1.4), which no
 * scope names, so every REST line would answer 401 and look like a broken key: it can only invoke.
 */
function usageExample(key: ApiKeyView, baseUrl: string): string | null {
  return key.admin ? `curl -H "Authorization: Bearer $${ENV_VAR}" ${baseUrl}/users/me` : null;
}

/** Whether a scoped key may invoke a chute: a chutes scope whose recorded action is invoke or any (unknown: may). */
function mayInvoke(key: ApiKeyView): boolean {
  const recorded = key.local && !key.local.admin ? key.local.requestedScopes : null;
  if (recorded) return recorded.some((s) => s.object_type === 'chutes' && (s.action === null || s.action === 'invoke'));
  return key.scopes.some((s) => s.objectType === 'chutes');
}

function actionOf(key: ApiKeyView, objectType: string, objectId: string | null): string {
  const requested =
    key.local?.requestedScopes.filter((s) => s.object_type === objectType && s.object_id === objectId) ?? [];
  if (requested.length === 0) return NOT_REPORTED;
  return `${requested.map((s) => s.action ?? 'any').join(', ')} (recorded by this app)`;
}

/** Everything the server says about one key, this app's local record, and how to use the key. */
export function KeyDetails({
  id,
  profileId,
  baseUrl,
  canSign,
  onDeleted,
  cachedName,
}: {
  id: string;
  /** The profile whose key this is: what a delete is reviewed for. */
  profileId: string;
  baseUrl: string;
  canSign: boolean;
  onDeleted: (result: DeleteResult, name: string) => void;
  cachedName?: string;
}): ReactElement {
  const query = useChannel('getApiKey', { id });
  // Names for scope objects, when they are this account's own chutes or images (the server reports only UUIDs).
  const targets = useChannel('listScopeTargets', {}, { staleTime: 60_000, enabled: canSign });
  const nameOf = (objectId: string) =>
    [...(targets.data?.chutes ?? []), ...(targets.data?.images ?? [])].find((t) => t.id === objectId)?.name;
  const [deleting, setDeleting] = useState(false);
  const back = (
    <p>
      <a href={hrefTo('api-keys')}>← All keys</a>
    </p>
  );
  if (query.isPending)
    return (
      <>
        {back}
        <p role="status" className="muted">
          Loading {cachedName ?? 'the key'}…
        </p>
      </>
    );
  if (query.error) {
    return (
      <>
        {back}
        {failureIs(query.error, 'key-gone') ? (
          <Notice tone="info">
            <p>
              The active profile’s account has no key with this id{cachedName ? ` (${cachedName})` : ''}: it was
              deleted, or it belongs to another profile’s account.
            </p>
          </Notice>
        ) : (
          <ErrorNotice error={query.error} />
        )}
      </>
    );
  }
  const key = query.data;
  const example = usageExample(key, baseUrl);
  const name = visibleText(key.name);
  return (
    <>
      {back}
      <section className="card" aria-label={`Key ${name}`}>
        <div className="section-head">
          <h2>
            {name} {key.admin ? <Badge tone="warn">Admin</Badge> : <Badge tone="neutral">Scoped</Badge>}
          </h2>
          <div className="actions">
            <button type="button" disabled={!canSign} onClick={() => navigate('api-keys', key.id, 'rotate')}>
              Rotate…
            </button>
            <button type="button" className="danger" disabled={!canSign} onClick={() => setDeleting(true)}>
              Delete…
            </button>
          </div>
        </div>
        <UnfinishedRotation apiKey={key} canSign={canSign} />
        {deleting ? (
          <DeleteKeyPanel
            apiKey={key}
            profileId={profileId}
            onCancel={() => setDeleting(false)}
            onDone={(r) => onDeleted(r, name)}
          />
        ) : null}
        <dl className="facts">
          <dt>ID</dt>
          <dd>
            <code>{key.id}</code> <CopyButton text={key.id} label="Copy key id" />
          </dd>
          <dt>Access</dt>
          <dd>
            {/* The heading's badge already says admin or scoped: this says what that means here. */}
            {key.admin
              ? 'Everything the account can do, including moving balance.'
              : mayInvoke(key)
                ? `At most invoking chutes, as its ${key.scopes.length === 1 ? 'scope' : `${key.scopes.length} scopes`} below allow${key.scopes.length === 1 ? 's' : ''}, and also ${PUBLIC_MODELS}, even if it names one chute: Chutes’ API refuses scoped keys everywhere else.`
                : 'Nothing: none of its scopes lets it invoke a chute, the only thing Chutes lets a scoped key do.'}
          </dd>
          <dt>Owner</dt>
          <dd>
            <code>{key.userId}</code>
          </dd>
          <dt>Created</dt>
          <dd title={utcText(key.createdAt)}>{dateTime(key.createdAt)}</dd>
          <dt>Last used</dt>
          <dd className="muted">{NOT_REPORTED} (Chutes never records it)</dd>
          <dt>Expires</dt>
          <dd className="muted">never — Chutes keys have no expiry; delete a key to end it</dd>
        </dl>
        {!key.admin ? (
          <div className="table-wrap">
            <table aria-label="Scopes">
              <thead>
                <tr>
                  <th>Object type</th>
                  <th>Object</th>
                  <th>Action</th>
                </tr>
              </thead>
              <tbody>
                {key.scopes.map((s) => (
                  <tr key={s.scopeId}>
                    <td>{s.objectType}</td>
                    <td>
                      {s.objectId ? (
                        <>
                          {nameOf(s.objectId) ? <strong>{nameOf(s.objectId)} </strong> : null}
                          <code>{s.objectId}</code>
                        </>
                      ) : (
                        `all ${s.objectType}`
                      )}
                    </td>
                    <td className={key.local ? undefined : 'muted'}>{actionOf(key, s.objectType, s.objectId)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {key.local ? (
          <Notice tone="info">
            <p>
              <strong>Local record</strong> (kept by this app when it created the key on{' '}
              {dateTime(key.local.createdLocallyAt)}; not from the server, and no secret): it asked for{' '}
              {key.local.admin
                ? 'an admin key'
                : key.local.requestedScopes
                    .map(
                      (s) =>
                        `${s.action ?? 'any action'} on ${s.object_id ? `one ${s.object_type.replace(/s$/, '')}` : `all ${s.object_type}`}`,
                    )
                    .join('; ')}
              .
              {key.local.replaces
                ? ` It was made to replace “${visibleText(key.local.replaces.name)}” (a rotation).`
                : ''}
            </p>
          </Notice>
        ) : (
          <p className="small muted">
            Chutes does not report a scope’s action, and this key was not created by this app here (which records the
            actions it asks for), so the actions are unknown.
          </p>
        )}
      </section>
      <section className="card" aria-label="How to use this key">
        <h2>How to use it</h2>
        <p>Send the secret (shown once, when the key was made) as a Bearer token:</p>
        <pre className="command">Authorization: Bearer cpk_…</pre>
        {example ? (
          <CommandLine label="Try it with curl" command={example} />
        ) : mayInvoke(key) ? (
          <p className="small">
            A scoped key can only invoke chutes: send it to a chute’s own URL, such as the OpenAI-style endpoint shown
            on the chute’s page at chutes.ai. It can also invoke {PUBLIC_MODELS}: Chutes lets any chutes scope that
            invokes through to those hosts, whichever chute it names. Chutes’ API refuses it with 401 everywhere else, a
            plain read of <code>{baseUrl}/chutes/</code> included: it checks each request against the last part of its
            path, which no scope names.
          </p>
        ) : (
          <p className="small">
            None of this key’s scopes lets it invoke a chute{key.local ? ' (as recorded by this app)' : ''}, the only
            thing Chutes lets a scoped key do, so it can do nothing: Chutes’ API answers it with 401 everywhere, a plain
            read of <code>{baseUrl}/chutes/</code> included.
          </p>
        )}
        <p className="small muted">
          {example ? (
            <>
              Set <code>{ENV_VAR}</code> to the secret first.{' '}
            </>
          ) : null}
          Only admin keys can use Chutes’ API: the account endpoints (<code>/users/me</code>, <code>/api_keys</code>,{' '}
          <code>/secrets</code>) and the chutes and images ones; scoped keys can only invoke: the chutes their scopes
          allow and, with any chutes scope that invokes, the public models at llm.chutes.ai, embed.chutes.ai and
          image.chutes.ai, billed to this account.
        </p>
      </section>
    </>
  );
}
