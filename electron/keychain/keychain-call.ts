import { performance } from 'node:perf_hooks';
import { findCredentialsAsync } from '@napi-rs/keyring';
import { describeError, log } from '../log';
import { ITEM_GONE, keychainFailure, keychainStillWaiting, keychainTimeout } from './keychain-errors';

/** Run one piece of keychain work under the vault's deadline, mapping failures to `keychain-unavailable`. */
export type KeychainCall = <T>(what: string, work: (signal: AbortSignal) => Promise<T>) => Promise<T>;

/**
 * How long a bus that just answered is trusted without a new probe. Measured: each probe is a full
 * D-Bus round trip (~6 ms, more on a busy machine), as much as the read it guards, so a signed
 * call paid twice. Within this window a bus can only turn silent between two calls of one burst of
 * work (a screen load, a bulk action); any failure or timeout ends the window at once.
 */
export const PROBE_FRESH_MS = 3_000;

/** Keychain calls of this process still running past their deadline (each holds a thread). */
let lingeringEverywhere = 0;

/**
 * Whether a normal exit would wait forever: it joins libuv's threads, and a lingering keychain
 * call holds one until the keychain answers (measured with a silent bus).
 */
export const keychainCallsLingering = (): boolean => lingeringEverywhere > 0;

/**
 * Keychain work running at once in this process. Each call waiting on an unlock prompt holds one
 * of libuv's four threads until the prompt is answered, and the guard below only stops new calls
 * after the first deadline: within it, a screen's burst of calls could take all four and stall
 * every file read of the app. Calls beyond this many wait their turn, within their own deadline.
 * No keychain work waits for other keychain work, so waiting cannot deadlock.
 */
export const MAX_RUNNING_KEYCHAIN_WORK = 2;
let running = 0;
const turns: Array<() => void> = [];

/** A turn to run keychain work; the returned release hands it to the next waiting call. */
function takeTurn(signal: AbortSignal): Promise<() => void> {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    const next = turns.shift();
    // Handed over rather than freed, so no call that asks meanwhile can slip in ahead.
    if (next) next();
    else running--;
  };
  if (running < MAX_RUNNING_KEYCHAIN_WORK) {
    running++;
    return Promise.resolve(release);
  }
  return new Promise((resolve, reject) => {
    const go = () => {
      signal.removeEventListener('abort', giveUp);
      resolve(release);
    };
    const giveUp = () => {
      const at = turns.indexOf(go);
      if (at >= 0) turns.splice(at, 1);
      reject(signal.reason instanceof Error ? signal.reason : new Error('keychain call ended while waiting its turn'));
    };
    turns.push(go);
    signal.addEventListener('abort', giveUp, { once: true });
  });
}

/** For tests: how many keychain calls are running work and waiting their turn. */
export const keychainTurns = (): { running: number; waiting: number } => ({ running, waiting: turns.length });

export interface KeychainCallOptions {
  /** Seam for tests: the clock the probe window is measured on. */
  now?: () => number;
  /** Seam for tests: the probe itself. */
  probe?: (service: string, signal: AbortSignal) => Promise<unknown>;
  probeFreshMs?: number;
  /** Called when a call fails or times out (the vault drops its reused keychain entries). */
  onFailure?: () => void;
}

/**
 * Errors worth another try rather than a refusal: a Secret Service that disconnected (crashed,
 * restarted), or an item that vanished under the call (ITEM_GONE, keychain-errors.ts).
 */
export function isTransientKeychainError(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return (
    /NoReply|disconnected from message bus|The session does not exist|UnknownObject/i.test(text) || ITEM_GONE.test(text)
  );
}

/**
 * Pauses before each try after the first, for a transient error. Two processes storing seeds at
 * once collide, and gnome-keyring can keep answering with the path of a just-replaced item for a
 * moment (a clean CI run failed three tries made back to back): spaced out, the later tries see
 * its settled state. Under a second in all, well inside any deadline.
 */
const RETRY_PAUSES_MS = [20, 80, 200, 500];

/**
 * Measured: constructing an entry talks to D-Bus synchronously and blocks the event loop forever
 * on a bus that never answers, so work first makes an async search of `probeService` (an
 * account-less service: an empty, cheap round trip that stays off the main thread) and only then
 * runs `work` — unless a probe or keychain call succeeded within `PROBE_FRESH_MS`. A late answer
 * after the deadline is ignored; the native call cannot be cancelled.
 */
export function createKeychainCall(
  timeoutMs: number,
  probeService: string,
  options: KeychainCallOptions = {},
): KeychainCall {
  const now = options.now ?? (() => performance.now());
  const probe =
    options.probe ?? ((service: string, signal: AbortSignal) => findCredentialsAsync(service, null, signal));
  const freshMs = options.probeFreshMs ?? PROBE_FRESH_MS;
  let answeredAt = Number.NEGATIVE_INFINITY;
  /**
   * Calls still running after their deadline. Measured: each holds one of libuv's four threads
   * until the keychain answers, and with four held every file read of the app stalls — on a bus
   * that never answers, forever. So while one lingers, new calls fail at once instead of adding
   * another; they go through again when it ends (the prompt was answered, the bus came back).
   */
  let lingering = 0;
  const linger = (by: number) => {
    lingering += by;
    lingeringEverywhere += by;
  };
  /** The probe under way, shared: concurrent calls on a silent bus then hold one thread, not one each. */
  let probing: Promise<unknown> | null = null;
  const probeOnce = () =>
    (probing ??= probe(probeService, new AbortController().signal).finally(() => {
      probing = null;
    }));

  return async <T>(what: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    if (lingering > 0) {
      const failure = keychainStillWaiting();
      log.warn(`keychain ${what} not tried: ${failure.appError.message}`);
      throw failure;
    }
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    let lingers = false;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        if (!settled) {
          lingers = true;
          linger(1);
        }
        reject(keychainTimeout(timeoutMs));
      }, timeoutMs);
    });
    const attempt = async () => {
      if (now() - answeredAt >= freshMs) await probeOnce();
      // The shared probe may answer after this call's deadline (the prompt answered late): the
      // caller was told it failed, so its work (a delete, a store) must not happen after all.
      if (controller.signal.aborted) throw keychainTimeout(timeoutMs);
      const release = await takeTurn(controller.signal);
      try {
        // Past the deadline while waiting its turn: told it failed, so it does nothing now.
        if (controller.signal.aborted) throw keychainTimeout(timeoutMs);
        return await work(controller.signal);
      } finally {
        // Only once the native work has settled: until then it holds its thread.
        release();
      }
    };
    const run = (async () => {
      let value: T;
      for (let retry = 1; ; retry++) {
        try {
          value = await attempt();
          break;
        } catch (error) {
          // The keychain daemon went away mid-call (it restarts on the next call, by D-Bus
          // activation), or the item vanished under the call: another try on fresh entries, within
          // the same deadline. Every vault operation is idempotent (store, read, delete), so
          // repeating one cannot do harm.
          const pause = RETRY_PAUSES_MS[retry - 1];
          if (controller.signal.aborted || pause === undefined || !isTransientKeychainError(error)) throw error;
          answeredAt = Number.NEGATIVE_INFINITY;
          options.onFailure?.();
          log.warn(`keychain ${what}: the call was cut short (${describeError(error)}); trying again`);
          await new Promise((resolve) => setTimeout(resolve, pause));
          // The deadline may have passed meanwhile: the caller was told it failed, so no late try.
          if (controller.signal.aborted) throw error;
        }
      }
      // Only a call that finished in time renews the window (a late answer is a failure).
      if (!controller.signal.aborted) answeredAt = now();
      return value;
    })();
    run
      .finally(() => {
        settled = true;
        if (lingers) linger(-1);
      })
      .catch(() => undefined); // settled late after a timeout: already reported
    try {
      return await Promise.race([run, deadline]);
    } catch (error) {
      answeredAt = Number.NEGATIVE_INFINITY;
      options.onFailure?.();
      const failure = keychainFailure(error);
      log.warn(`keychain ${what} failed: ${failure.appError.message} [${describeError(error)}]`);
      throw failure;
    } finally {
      clearTimeout(timer);
    }
  };
}
