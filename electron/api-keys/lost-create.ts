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
 * How far before the send (on our clock) a key's time may lie and still be this try's: the `Date`
 * header is whole seconds and the skew is rounded to seconds (about a second between them), and
 * the server read its clock somewhere within the ping's round trip, which adds half of it.
 */
export const CLOCK_SLACK_MS = 1_500;
export const measuredMargin = (roundTripMs: number): number => CLOCK_SLACK_MS + roundTripMs / 2;

/** Local minus the server's clock, and how long the measuring round trip took. */
export interface ServerClock {
  skewSeconds: number;
  roundTripMs: number;
}

/**
 * `unknown`: the app cannot tell (the server's clock could not be read, or it dates the key in a
 * way that cannot be read). Then the key is neither claimed nor blamed: a wrong "yes" would offer
 * to delete someone's working key, a wrong "no" would leave a new key nobody has the secret of.
 */
export type LostCreateVerdict = { made: true } | { made: false; why: string } | { made: 'unknown'; why: string };

const scopeKey = (type: string, id: string | null) => `${type}\u0000${id ?? ''}`;
const sortedKeys = (keys: string[]) => [...keys].sort().join('\u0001');

/**
 * `sentAtMs` is the local clock just before the create went out; `clock` the server's, measured
 * after (undefined: not measured). The server echoes the kind of key and each scope's type and
 * object (never its action, §5.1), so those must match what was asked for; and it was made after
 * the send. `why` finishes "…that is not the one asked for: <why>" (or, unknown, "…but <why>").
 */
export function madeByThisTry(
  key: ServerKey,
  req: CreateKeyRequest,
  sentAtMs: number,
  clock: ServerClock | undefined,
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
  if (!Number.isFinite(created))
    return { made: 'unknown', why: `Chutes dates it in a way the app cannot read (${key.createdAt})` };
  // The create signs with a login token, not a clock-checked signature: the clocks may differ by any amount.
  if (!clock) return { made: 'unknown', why: "the server's clock could not be read to compare with its date" };
  // The server's time moved onto the local clock: local = server + skew.
  const createdLocally = created + clock.skewSeconds * 1000;
  if (createdLocally < sentAtMs - measuredMargin(clock.roundTripMs))
    return {
      made: false,
      why: `it was made before this try was sent (Chutes dates it ${utcIso(key.createdAt)})`,
    };
  return { made: true };
}

/** The server's clock from `/ping`'s `Date` header; undefined when it cannot be told. */
export async function measureServerClock(transport: Transport): Promise<ServerClock | undefined> {
  try {
    const answer = await transport.exchange({
      method: 'GET',
      path: '/ping',
      auth: { kind: 'none' },
      timeoutMs: 10_000,
    });
    const skewSeconds = measureSkew(answer.dateHeader, answer.sentAtMs, answer.receivedAtMs);
    return skewSeconds === undefined
      ? undefined
      : { skewSeconds, roundTripMs: Math.max(0, answer.receivedAtMs - answer.sentAtMs) };
  } catch {
    return undefined;
  }
}
