import { mapLimit } from '../../concurrency/map-limit';
import { z } from 'zod';
import { AppFailure } from '../../../shared/errors';
import { log } from '../../log';
import type { Transport } from '../transport';

/**
 * Names of chutes the account may not own (`GET /chutes/{chute_id_or_name}`, purpose `chutes`,
 * `../shared/reference/chutes-account-api.md` §1): the server answers for public chutes, shared
 * ones and the caller's own, and 404s every other. The Account screen gets usage, quotas and
 * discounts by id, mostly of public chutes that `GET /chutes/` (own chutes only) never lists.
 */
const chuteSchema = z.object({ chute_id: z.string(), name: z.string() });

/** Ids per call, so one screen cannot start hundreds of reads. */
export const MAX_CHUTE_NAME_IDS = 50;
const CONCURRENCY = 4;

export interface ChuteNameLookup {
  /** The names found among `ids`; an id without one (unknown, another's private chute, or its read failed) is left out. */
  names(transport: Transport, hotkey: string, ids: readonly string[]): Promise<Record<string, string>>;
}

/**
 * Answers are kept for the process, per server and account (what another's chute shows depends on
 * who asks): a name seldom changes, and a 404 is kept as "no name". A failed read is not kept, so
 * it is tried again next time; reads under way are shared.
 */
export function createChuteNameLookup(): ChuteNameLookup {
  const cache = new Map<string, Map<string, Promise<string | null>>>();

  function readName(transport: Transport, hotkey: string, id: string): Promise<string | null> {
    return transport
      .request({
        method: 'GET',
        path: `/chutes/${encodeURIComponent(id)}`,
        auth: { kind: 'jwt', hotkey, v1: { purpose: 'chutes' } },
        schema: chuteSchema,
      })
      .then(
        (chute) => chute.name,
        (error: unknown) => {
          if (error instanceof AppFailure && error.appError.detail?.status === 404) return null;
          throw error;
        },
      );
  }

  return {
    async names(transport, hotkey, ids) {
      const key = `${transport.baseUrl}\n${hotkey}`;
      let known = cache.get(key);
      if (!known) cache.set(key, (known = new Map<string, Promise<string | null>>()));
      const account = known;
      const wanted = [...new Set(ids)].slice(0, MAX_CHUTE_NAME_IDS);
      const out: Record<string, string> = {};
      await mapLimit(wanted, CONCURRENCY, async (id) => {
        let pending = account.get(id);
        if (!pending) {
          pending = readName(transport, hotkey, id);
          account.set(id, pending);
          // Not kept: the next call asks again.
          pending.catch(() => account.delete(id));
        }
        try {
          const name = await pending;
          if (name !== null) out[id] = name;
        } catch (error) {
          // One chute's name is not worth failing the rest: its id is shown instead.
          log.info(`chute names: ${id} not read (${error instanceof Error ? error.message : String(error)})`);
        }
      });
      return out;
    },
  };
}
