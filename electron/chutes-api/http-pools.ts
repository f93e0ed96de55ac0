import type * as Lib from 'undici';
import { createDeadlines } from './deadlines';

/**
 * The connection pools behind every Chutes API call, one per timeout in use. Each request gets
 * one deadline over the whole exchange — connecting, waiting (1xx answers included, which restart
 * undici's own headers timer), and the body — watched by one sweeping timer (deadlines.ts) and
 * enforced through the request's own abort, so no AbortSignal goes to fetch: undici's handling of
 * one cost 20–40 µs of CPU a request, more than the rest of the app's work in a bulk revoke.
 */
const deadlines = createDeadlines();

/** What fetch rejects with (as the cause) when the deadline passes; classified as a timeout. */
function timeoutError(ms: number): Error {
  return Object.assign(new Error(`No complete answer within ${ms} ms.`), { name: 'TimeoutError' });
}

type Handlers = Lib.Dispatcher.DispatchHandlers;
type Args<K extends keyof Handlers> = Parameters<NonNullable<Handlers[K]>>;

/** Passes every event on to fetch's own handler, keeping the abort and ending the watch. */
class DeadlineHandler implements Handlers {
  readonly #inner: Handlers;
  readonly #unwatch: () => void;
  readonly #ms: number;
  #abort: ((reason?: Error) => void) | null = null;
  #expired = false;

  constructor(inner: Handlers, ms: number) {
    this.#inner = inner;
    this.#ms = ms;
    this.#unwatch = deadlines.watch(ms, () => {
      this.#expired = true;
      this.#abort?.(timeoutError(ms));
    });
  }

  onConnect(...args: Args<'onConnect'>): void {
    const [abort] = args;
    this.#abort = abort;
    this.#inner.onConnect?.(...args);
    // Still connecting when the time ran out: the deadline can abort only from here on, which is
    // why the pool keeps a connect timeout of the same length. Headers and body need no timers of
    // their own (0): they start later and would end no sooner than the deadline.
    if (this.#expired) abort(timeoutError(this.#ms));
  }

  onError(...args: Args<'onError'>): void {
    this.#unwatch();
    this.#inner.onError?.(...args);
  }

  onComplete(...args: Args<'onComplete'>): void {
    this.#unwatch();
    this.#inner.onComplete?.(...args);
  }

  onUpgrade(...args: Args<'onUpgrade'>): void {
    this.#unwatch();
    this.#inner.onUpgrade?.(...args);
  }

  onResponseStarted(): void {
    this.#inner.onResponseStarted?.();
  }

  onHeaders(...args: Args<'onHeaders'>): boolean {
    // undici pauses the socket only on an explicit false; pass the answer through unchanged.
    return this.#inner.onHeaders?.(...args) as boolean;
  }

  onData(...args: Args<'onData'>): boolean {
    return this.#inner.onData?.(...args) as boolean;
  }

  onBodySent(...args: Args<'onBodySent'>): void {
    this.#inner.onBodySent?.(...args);
  }
}

const pools = new Map<number, Lib.Dispatcher>();

type Undici = typeof Lib;
/** Loaded by the first call, not at launch: evaluating undici takes tens of ms. */
let undici: Promise<Undici> | null = null;

/** The pool for calls of `ms` (whole milliseconds, at least 1: undici reads 0 as "none"). */
function poolFor({ Agent }: Undici, ms: number): Lib.Dispatcher {
  let pool = pools.get(ms);
  if (!pool) {
    pool = new Agent({ connectTimeout: ms, headersTimeout: 0, bodyTimeout: 0 }).compose(
      (dispatch) => (options, handler) => dispatch(options, new DeadlineHandler(handler, ms)),
    );
    pools.set(ms, pool);
  }
  return pool;
}

/** `fetch` through the pool for `timeoutMs`: one deadline over the whole call. */
export async function fetchWithDeadline(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  const lib = await (undici ??= import('undici'));
  const dispatcher = poolFor(lib, Math.max(1, Math.round(timeoutMs)));
  return lib.fetch(url, { ...init, dispatcher });
}
