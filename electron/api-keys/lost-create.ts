import type { CreateKeyRequest } from '../../shared/api-keys';
import { serverMs, utcIso } from '../../shared/server-time';
import { measureSkew } from '../chutes-api/clock';
import type { ServerKey } from '../chutes-api/endpoints/api-keys';
import type { Transport } from '../chutes-api/transport';

/**
 * After a create whose answer was lost, whether the key listed under its name is the one that
 * create made. Names are unique per account (`../shared/reference/chutes-account-api.md` §5.1), so
 * a key that already had the name means the server refused this try (409): calling that key
 * "created, secret lost" would offer to delete someone's working key and overwrite its record.
 */

/**
 * How long before the send a key's time may lie and still be this try's, once the server's clock is
 * measured: the `Date` header is whole seconds, and the trip takes some of it.
 */
export const MEASURED_MARGIN_MS = 5_000;
/** Without a measurement: the clock difference a v1 signature allows (§1.2), which the app lives within. */
export const UNMEASURED_MARGIN_MS = 600_000;

export type LostCreateVerdict = { made: true } | { made: false; why: string };

const scopeKey = (type: string, id: string | null) => `${type}\u0000${id ?? ''}`;
const sortedKeys = (keys: string[]) => [...keys].sort().join('\u0001');

/**
 * `sentAtMs` is the local clock just before the create went out; `skewSeconds` is local minus the
 * server's (undefined: not measured). The server echoes the kind of key and each scope's type and
 * object (never its action, §5.1), so those must match what was asked for; and it was made after
 * the send. `why` finishes "…that is not the one asked for: <why>".
 */
export function madeByThisTry(
  key: ServerKey,
  req: CreateKeyRequest,
  sentAtMs: number,
  skewSeconds: number | undefined,
): LostCreateVerdict {
  if (key.admin !== req.admin)
    return {
      made: false,
      why: key.admin
        ? 'it is an admin key, and a scoped key was asked for'
        : 'it is a scoped key, and an admin key was asked for',
    };
  if (
    !req.admin &&
    sortedKeys(key.scopes.map((s) => scopeKey(s.objectType, s.objectId))) !==
      sortedKeys(req.scopes.map((s) => scopeKey(s.object_type, s.object_id)))
  )
    return { made: false, why: 'its scopes are not the ones asked for' };
  const created = serverMs(key.createdAt);
  const margin = skewSeconds === undefined ? UNMEASURED_MARGIN_MS : MEASURED_MARGIN_MS;
  // The server's time moved onto the local clock: local = server + skew.
  const createdLocally = created + (skewSeconds ?? 0) * 1000;
  if (!Number.isFinite(created) || createdLocally < sentAtMs - margin)
    return {
      made: false,
      why: `it was made before this try was sent (Chutes dates it ${utcIso(key.createdAt)})`,
    };
  return { made: true };
}

/** Local minus server clock in seconds, from `/ping`'s `Date` header; undefined when it cannot be told. */
export async function measureServerSkew(transport: Transport): Promise<number | undefined> {
  try {
    const answer = await transport.exchange({
      method: 'GET',
      path: '/ping',
      auth: { kind: 'none' },
      timeoutMs: 10_000,
    });
    return measureSkew(answer.dateHeader, answer.sentAtMs, answer.receivedAtMs);
  } catch {
    return undefined;
  }
}
