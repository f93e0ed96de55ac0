import type { z } from 'zod';
import { AppFailure, appError, type AppError, type FieldIssue, type Result } from '../shared/errors';
import {
  contract,
  isChannel,
  MAX_PAYLOAD_BYTES,
  type Channel,
  type ChannelArgs,
  type ChannelResult,
} from '../shared/ipc-contract';
import { installSs58Checksum } from '../shared/validation';
import { describeError, internalFailureMessage, log } from './log';
import { decodeSs58, isValidSs58 } from './signer/ss58';

installSs58Checksum(isValidSs58, (address) => decodeSs58(address)?.prefix ?? null);

/** Who is calling: the desktop window over IPC or a browser tab through the web host. */
export interface CallContext {
  transport: 'ipc' | 'http';
}

export type Handler<K extends Channel> = (args: ChannelArgs<K>, ctx: CallContext) => Promise<ChannelResult<K>>;
export type Handlers = { [K in Channel]: Handler<K> };
/** The handlers of one contract slice (shared/contract/<feature>.ts), typed from the slice itself. */
export type SliceHandlers<Slice> = { [K in keyof Slice & Channel]: Handler<K> };

export interface Router {
  /** Validate and run one call. Never throws; every failure is a typed `AppError`. */
  dispatch(channel: string, payload: unknown, ctx: CallContext): Promise<Result<unknown>>;
}

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

function fail(error: AppError): Result<never> {
  return { ok: false, error };
}

/** Size of a payload as the JSON it would be on the wire; structured-clone payloads are measured the same way. */
function payloadBytes(payload: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(payload ?? null), 'utf8');
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

export function createRouter(handlers: Handlers): Router {
  return {
    async dispatch(channel, payload, ctx) {
      if (!isChannel(channel)) {
        return fail(appError('not-found', `Unknown channel "${channel.slice(0, 64)}".`));
      }
      if (payloadBytes(payload) > MAX_PAYLOAD_BYTES) {
        return fail(
          appError('payload-too-large', `The request is larger than ${MAX_PAYLOAD_BYTES / 1024} KiB and was refused.`),
        );
      }
      const parsed = contract[channel].input.safeParse(payload ?? {});
      if (!parsed.success) {
        const fields = zodIssues(parsed.error);
        const first = fields[0];
        const message = first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'Invalid input.';
        return fail(appError('invalid-input', message, { fields }));
      }
      try {
        const handler = handlers[channel] as Handler<typeof channel>;
        const value = await handler(parsed.data, ctx);
        return { ok: true, value };
      } catch (error) {
        if (error instanceof AppFailure) return fail(error.appError);
        log.error(`channel ${channel} failed: ${describeError(error)}`);
        return fail(appError('internal', internalFailureMessage()));
      }
    },
  };
}
