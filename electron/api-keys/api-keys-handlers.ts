import {
  KEY_PAGE_SIZE,
  type ApiKeyView,
  type CreateKeyRequest,
  type DeleteResult,
  type LocalKeyRecord,
  type RotationOf,
} from '../../shared/api-keys';
import type { apiKeysContract } from '../../shared/contract/api-keys';
import { AppFailure, failureIs } from '../../shared/errors';
import type { AccountApi, ChutesClient } from '../chutes-api';
import type { ServerKey } from '../chutes-api/endpoints/api-keys';
import { outcomeUnknown } from '../chutes-api/outcome-unknown';
import type { SliceHandlers } from '../ipc-router';
import { describeError, itemFailureMessage, log } from '../log';
import { mapLimit } from '../concurrency/map-limit';
import { createKeyRecords, type KeyRecords } from './key-records';
import { madeByThisTry, measureServerClock } from './lost-create';

export interface ApiKeyServices {
  chutes: ChutesClient;
  config: { dataDir: string };
}

/** Bulk revokes run this many deletes at once: fast, without hammering the server. */
const DELETE_CONCURRENCY = 4;

/** Keys as the server reports them, with what this app recorded of them: its requests, and its rotations begun. */
function viewsWith(records: ReadonlyMap<string, LocalKeyRecord>) {
  const replacedBy = new Map<string, ApiKeyView['replacedBy']>();
  for (const r of records.values())
    if (r.replaces) replacedBy.set(r.replaces.id, { id: r.keyId, name: r.name, createdLocallyAt: r.createdLocallyAt });
  return (key: ServerKey): ApiKeyView => ({
    id: key.id,
    userId: key.userId,
    name: key.name,
    admin: key.admin,
    createdAt: key.createdAt,
    scopes: key.scopes,
    local: records.get(key.id) ?? null,
    replacedBy: replacedBy.get(key.id) ?? null,
  });
}

/** A server rejection of the scopes, with the field to highlight (`../shared/reference/chutes-account-api.md` §5.1: 400 object_type, 422 action). */
function scopeRejection(error: unknown): unknown {
  if (!(error instanceof AppFailure)) return error;
  const { code, message, detail, reason } = error.appError;
  if (reason === 'scope-invalid')
    return new AppFailure(code, message, { ...detail, fields: [{ path: 'scopes', message }] }, reason);
  if (reason === 'key-name-taken')
    return new AppFailure(
      code,
      'A key with this name already exists (maybe made elsewhere meanwhile); choose another name.',
      { ...detail, fields: [{ path: 'name', message }] },
      reason,
    );
  if (reason === 'key-name-invalid')
    return new AppFailure(code, message, { ...detail, fields: [{ path: 'name', message }] }, reason);
  if (code === 'invalid-input' && detail?.fields?.some((f) => f.path.startsWith('scopes')))
    return new AppFailure(code, message, detail, 'scope-invalid');
  return error;
}

/** Every key of the account (all pages), for checks that need the whole list. */
/**
 * Every key of the account, merged by id; `complete` is false when some the server counted were on
 * no page even after looking again (its pages keep no order between requests, reference §5.2).
 */
async function allKeys(api: AccountApi): Promise<{ keys: ServerKey[]; complete: boolean }> {
  const byId = new Map<string, ServerKey>();
  let total = 0;
  for (let pass = 0; pass < 3 && (pass === 0 || byId.size < total); pass++) {
    for (let page = 0; page < 10_000; page++) {
      const res = await api.apiKeys.list(page, KEY_PAGE_SIZE);
      for (const key of res.items) byId.set(key.id, key);
      total = res.total;
      if (res.items.length < KEY_PAGE_SIZE || (page + 1) * KEY_PAGE_SIZE >= res.total) break;
    }
  }
  return { keys: [...byId.values()], complete: byId.size >= total };
}

export function apiKeysHandlers(
  services: ApiKeyServices,
  records: KeyRecords = createKeyRecords(services.config.dataDir),
  now: () => number = Date.now,
): SliceHandlers<typeof apiKeysContract> {
  const { chutes } = services;
  const active = () => chutes.actingAs('active');

  async function remember(
    api: AccountApi,
    key: ServerKey,
    req: CreateKeyRequest,
    replaces: RotationOf | undefined,
  ): Promise<ApiKeyView> {
    try {
      await records.add(api.scope.baseUrl, {
        keyId: key.id,
        name: key.name,
        admin: key.admin,
        requestedScopes: req.admin ? [] : req.scopes,
        ...(replaces ? { replaces } : {}),
      });
      return viewsWith(await records.forServer(api.scope.baseUrl))(key);
    } catch (error) {
      // The key exists and its secret is about to be shown: a full disk must not hide it.
      log.warn(`could not keep the local record of an API key: ${describeError(error)}`);
      return viewsWith(new Map())(key);
    }
  }

  /** After a lost answer: never re-send; look whether the key exists now, and is this try's (lost-create.ts), and say so. */
  async function afterLostAnswer(
    api: AccountApi,
    req: CreateKeyRequest,
    sentAtMs: number,
    original: unknown,
  ): Promise<never> {
    let found: ServerKey | undefined;
    let complete: boolean;
    try {
      const listed = await allKeys(api);
      found = listed.keys.find((k) => k.name === req.name);
      complete = listed.complete;
    } catch {
      throw new AppFailure(
        'network',
        `The connection failed while creating “${req.name}”, and the key list could not be read to check whether it was created.`,
        {
          hint: 'Do not create it again yet: reload the list when the connection is back and look for the name first.',
        },
        'answer-lost',
      );
    }
    const verdict = found && madeByThisTry(found, req, sentAtMs, await measureServerClock(api.transport));
    if (verdict && verdict.made === 'unknown')
      throw new AppFailure(
        'network',
        `The connection failed while creating “${req.name}”. A key with this name is listed now, but whether this try made it cannot be told: ${verdict.why}.`,
        {
          hint: 'Do not create it again yet. Open the key from the list: if it was made just now it is this one, whose secret was lost, so delete it and create it again.',
        },
        'answer-lost',
      );
    if (verdict && !verdict.made)
      throw new AppFailure(
        'conflict',
        `The connection failed while creating “${req.name}”, and a key with this name already exists that is not the one asked for: ${verdict.why}. It may be older than this try, so it was left as it is; Chutes refuses a name already in use, so most likely nothing was created.`,
        {
          hint: 'Choose another name, or open the existing key from the list to see what it is.',
          fields: [{ path: 'name', message: 'A key with this name already exists.' }],
        },
        'key-name-taken',
      );
    if (found) {
      // Not recorded as a rotation's replacement: nobody has its secret, so the old key must stay.
      await remember(api, found, req, undefined);
      throw new AppFailure(
        'network',
        `The key “${req.name}” was created, but the answer carrying its secret was lost on the way (the secret cannot be shown again).`,
        { hint: 'Delete this key and create it again to get a secret you can see.', objectId: found.id },
        'key-created-secret-lost',
      );
    }
    if (!complete)
      throw new AppFailure(
        'network',
        `The connection failed while creating “${req.name}”, and the key list came back without some of the keys the server counts, so whether it was created is not known.`,
        { hint: 'Do not create it again yet: reload the list in a moment and look for the name first.' },
        'answer-lost',
      );
    const cause = original instanceof AppFailure ? original.appError.message : 'The connection failed.';
    // Timed out (here, or at a gateway): the server may still be working on it, and a key made
    // after this listing would make a second create fail on its name, with a secret nobody has.
    const detail = original instanceof AppFailure ? original.appError.detail : undefined;
    if (detail?.network === 'timeout' || detail?.status === 504 || detail?.status === 524)
      throw new AppFailure(
        'network',
        `${cause} The key “${req.name}” was not among the keys listed just now, but the server may still be creating it.`,
        { hint: 'Do not create it again yet: reload the list in a minute and look for the name first.' },
        'answer-lost',
      );
    throw new AppFailure(
      'network',
      `${cause} The key “${req.name}” was not created (checked by listing the keys again), so you can try again.`,
      undefined,
      'key-not-created',
    );
  }

  async function removeOne(api: AccountApi, id: string): Promise<DeleteResult> {
    try {
      await api.apiKeys.remove(id);
      return { id, outcome: 'deleted' };
    } catch (error) {
      if (failureIs(error, 'key-gone')) return { id, outcome: 'already-gone' };
      throw error;
    }
  }

  return {
    listApiKeys: async ({ page, limit }) => {
      const api = await active();
      const [res, local] = await Promise.all([api.apiKeys.list(page, limit), records.forServer(api.scope.baseUrl)]);
      return {
        total: res.total,
        page: res.page,
        limit: res.limit,
        items: res.items.map(viewsWith(local)),
      };
    },

    getApiKey: async ({ id }) => {
      const api = await active();
      const [key, local] = await Promise.all([
        api.apiKeys.get(id).catch(async (error: unknown) => {
          // Gone (deleted elsewhere): its record goes too, so no rotation is said to wait on it.
          if (failureIs(error, 'key-gone'))
            await records
              .remove(api.scope.baseUrl, [id])
              .catch((e: unknown) => log.warn(`key records: ${describeError(e)}`));
          throw error;
        }),
        records.forServer(api.scope.baseUrl),
      ]);
      return viewsWith(local)(key);
    },

    createApiKey: async ({ reviewedFor, replaces, ...req }) => {
      const api = await chutes.actingAs({ reviewedFor, what: `the new key “${req.name}”` });
      let created: { key: ServerKey; secret: string };
      const sentAtMs = now();
      try {
        created = await api.apiKeys.create(req);
      } catch (error) {
        if (outcomeUnknown(error)) return afterLostAnswer(api, req, sentAtMs, error);
        throw scopeRejection(error);
      }
      return { key: await remember(api, created.key, req, replaces), secret: created.secret };
    },

    deleteApiKey: async ({ id, reviewedFor }) => {
      const api = await chutes.actingAs({ reviewedFor, what: 'the key’s deletion' });
      const result = await removeOne(api, id);
      await records
        .remove(api.scope.baseUrl, [id])
        .catch((error: unknown) => log.warn(`key records: ${describeError(error)}`));
      return result;
    },

    deleteApiKeys: async ({ ids, reviewedFor }) => {
      const api = await chutes.actingAs({
        reviewedFor,
        what: `the deletion of ${ids.length} key${ids.length === 1 ? '' : 's'}`,
      });
      const unique = [...new Set(ids)];
      const results = await mapLimit(unique, DELETE_CONCURRENCY, (id) =>
        removeOne(api, id).catch((error: unknown): DeleteResult => ({
          id,
          outcome: 'failed',
          message: itemFailureMessage(error, 'deleting an API key'),
        })),
      );
      const done = results.filter((r) => r.outcome !== 'failed').map((r) => r.id);
      await records
        .remove(api.scope.baseUrl, done)
        .catch((error: unknown) => log.warn(`key records: ${describeError(error)}`));
      return { results };
    },

    listScopeTargets: async () => {
      const api = await active();
      const [chutesList, images] = await Promise.all([api.apiKeys.chutes(), api.apiKeys.images()]);
      return { chutes: chutesList, images };
    },
  };
}
