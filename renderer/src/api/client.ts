import { appError, isAppError, type AppError, type Result } from '../../../shared/errors';
import type { Channel, ChannelInput, ChannelResult } from '../../../shared/ipc-contract';
import { reportProfileChanged } from './profile-changed';
import { webToken } from './web-token';

/** A typed error from main, thrown so react-query's error state carries it intact. */
export class ApiError extends Error {
  readonly error: AppError;
  constructor(error: AppError) {
    super(error.message);
    this.name = 'ApiError';
    this.error = error;
  }
}

async function overHttp(channel: Channel, input: unknown): Promise<Result<unknown>> {
  const token = webToken();
  let response: Response;
  try {
    response = await fetch(`/rpc/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return {
      ok: false,
      error: appError('network', 'The web host is not answering. Is `npm run serve` still running?'),
    };
  }
  let text: string;
  try {
    text = await response.text();
  } catch {
    // A tunnel or connection that drops mid-answer: the call itself may have run.
    return {
      ok: false,
      error: appError(
        'network',
        'The web host stopped answering part-way through its answer. If this was a change, it may have been made: look before trying again.',
        { network: 'reset' },
      ),
    };
  }
  const body = parseJson(text);
  if (isResult(body)) return body;
  return {
    ok: false,
    error: appError(
      'network',
      `Something other than the web host answered (HTTP ${response.status}, not a Chutes Desktop result), such as a proxy or tunnel in between.`,
      { network: 'non-json' },
    ),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The shape the web host always answers in (a void result arrives without `value`). */
function isResult(body: unknown): body is Result<unknown> {
  if (typeof body !== 'object' || body === null) return false;
  const { ok, error } = body as { ok?: unknown; error?: unknown };
  return ok === true || (ok === false && isAppError(error));
}

/** Call a contract channel over IPC (desktop window) or HTTP (web host), unwrapping the result. */
export async function call<K extends Channel>(channel: K, input: ChannelInput<K>): Promise<ChannelResult<K>> {
  const bridge = window.chutes;
  const result = bridge
    ? await (bridge[channel] as (payload: unknown) => Promise<Result<unknown>>)(input)
    : await overHttp(channel, input);
  if (!result.ok) {
    if (result.error.reason === 'profile-changed') reportProfileChanged(result.error.message);
    throw new ApiError(result.error);
  }
  return result.value as ChannelResult<K>;
}

export function errorOf(error: unknown): AppError {
  if (error instanceof ApiError) return error.error;
  return appError('internal', error instanceof Error ? error.message : 'Unexpected error.');
}
