import { performance } from 'node:perf_hooks';
import type { ImportPreview, ImportRun } from '../../shared/secrets';
import { defineCase, timed, type RunnableCase } from './harness';
import { signedSetup, signedTeardown, type SignedState } from './signed-action';
import { rpc } from './web-host-client';
import { startRawRunner, type RawRequest, type RawRunner } from './raw-runner';
import { SCAN_LIMIT } from '../../electron/secrets/secrets-handlers';

/**
 * The bulk actions of the secrets and API-key screens, through the web host as a user runs them
 * (router, keychain, signing, activity log), against the same requests sent raw in the same run.
 * Each round works on fresh objects (new keys to import, new API keys to revoke), made outside the
 * timed part.
 */
const LINES = 50;
const KEYS = 50;
/** The API-keys screen revokes this many at a time (electron/api-keys/api-keys-handlers.ts). */
const REVOKE_CONCURRENCY = 4;

interface State extends SignedState {
  userId: string;
  chuteId: string;
  round: number;
  /** A session token fetched once, raw, for the baseline: the fastest plain way to send a batch. */
  token: string;
  /** Where the baselines' raw requests run: a process of their own, as any client's would. */
  raw: RawRunner;
}

/** `POST /users/login` with the hotkey signing a fresh nonce (`../shared/reference/chutes-account-api.md` §3.5), done raw. */
async function rawLogin(state: SignedState): Promise<string> {
  const { nonce } = (await (await fetch(`${state.sandbox.url}/users/login/nonce`)).json()) as { nonce: string };
  const signature = Buffer.from(state.sign(nonce, state.pair)).toString('hex');
  const res = await fetch(`${state.sandbox.url}/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ hotkey: state.key.ss58, signature, nonce }),
  });
  const answer = (await res.json()) as { token?: string };
  if (!res.ok || !answer.token) throw new Error(`raw login answered ${res.status}`);
  return answer.token;
}

async function setup(): Promise<State> {
  const state = await signedSetup();
  const [user] = state.sandbox.users();
  if (!user) throw new Error('the bench account is missing from the sandbox');
  const chute = state.sandbox.addChute(user.user_id, 'bench-chute');
  const token = await rawLogin(state);
  return { ...state, userId: user.user_id, chuteId: chute.chute_id, round: 0, token, raw: startRawRunner() };
}

async function teardown(state: State): Promise<void> {
  state.raw.stop();
  await signedTeardown(state);
}

/** A raw request on the session token, JSON body or none. */
function raw(state: State, method: RawRequest['method'], path: string, body?: unknown): RawRequest {
  const headers: Record<string, string> = { authorization: `Bearer ${state.token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return {
    method,
    url: `${state.sandbox.url}${path}`,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  };
}

function envLines(round: number): Array<[string, string]> {
  return Array.from({ length: LINES }, (_, i) => [`BENCH_${round}_${i}`, `value-${round}-${i}-${'x'.repeat(24)}`]);
}

/** Fresh API keys for one round, seeded in the sandbox without hashing; their ids. */
function freshKeys(state: State, prefix: string): string[] {
  state.sandbox.seedApiKeys({ user_id: state.userId, count: KEYS, name_prefix: prefix });
  return Object.values(state.sandbox.state().apiKeys)
    .filter((k) => k.name.startsWith(`${prefix}-`))
    .map((k) => k.api_key_id);
}

async function timedPart(fn: () => Promise<unknown>) {
  const start = performance.now();
  const value = await fn();
  return timed(performance.now() - start, value);
}

export const bulkActionCases: RunnableCase[] = [
  defineCase<State>({
    name: `bulk: a ${LINES}-line .env import`,
    baselineName: `the same reads (GET /chutes/, GET /secrets/: what exists), then ${LINES} POST /secrets/ one after another, raw fetch from a separate process on a session token fetched once`,
    setup,
    subjects: [
      {
        name: `${LINES}-line .env import through the web host (preview, then run)`,
        goal: { ratio: 1.2 },
        run: (state) => {
          const lines = envLines(++state.round);
          const text = lines.map(([k, v]) => `${k}=${v}`).join('\n');
          return timedPart(async () => {
            const preview = await rpc<ImportPreview>(state.host, 'previewSecretImport', {
              chuteId: state.chuteId,
              source: { kind: 'text', text },
            });
            const accept = preview.rows.map((r) => ({ key: r.key, replace: false }));
            const run = await rpc<ImportRun>(state.host, 'runSecretImport', {
              importId: preview.importId,
              accept,
              reviewedFor: state.profileId,
            });
            return run.results.filter((r) => r.outcome === 'created').length;
          });
        },
      },
    ],
    baseline: async (state) => {
      const lines = envLines(++state.round);
      const ms = await state.raw.run([
        // What the preview asks before anything is created: the chute (its name, for the key
        // rules) and which keys exist, with the page sizes the app uses.
        {
          requests: [
            raw(state, 'GET', '/chutes/?page=0&limit=500'),
            raw(state, 'GET', `/secrets/?page=0&limit=${SCAN_LIMIT}`),
          ],
          concurrency: 2,
        },
        {
          requests: lines.map(([key, value]) =>
            raw(state, 'POST', '/secrets/', { purpose: state.chuteId, key, value }),
          ),
          concurrency: 1,
        },
      ]);
      return timed(ms, lines.length);
    },
    teardown,
    check: (subject, baseline) =>
      subject === LINES && baseline === LINES ? null : `created ${String(subject)} secrets, raw ${String(baseline)}`,
  }),
  defineCase<State>({
    name: `bulk: revoke ${KEYS} API keys`,
    baselineName: `the same ${KEYS} DELETE /api_keys/{id}, ${REVOKE_CONCURRENCY} at a time, raw fetch from a separate process on a session token fetched once`,
    setup,
    subjects: [
      {
        name: `bulk revoke of ${KEYS} API keys through the web host`,
        goal: { ratio: 1.2 },
        run: (state) => {
          const ids = freshKeys(state, `app${++state.round}`);
          return timedPart(async () => {
            const { results } = await rpc<{ results: Array<{ outcome: string }> }>(state.host, 'deleteApiKeys', {
              ids,
              reviewedFor: state.profileId,
            });
            return results.filter((r) => r.outcome !== 'failed').length;
          });
        },
      },
    ],
    baseline: async (state) => {
      const ids = freshKeys(state, `raw${++state.round}`);
      const requests = ids.map((id) => raw(state, 'DELETE', `/api_keys/${id}`));
      return timed(await state.raw.run([{ requests, concurrency: REVOKE_CONCURRENCY }]), ids.length);
    },
    teardown,
    check: (subject, baseline) =>
      subject === KEYS && baseline === KEYS ? null : `revoked ${String(subject)} keys, raw ${String(baseline)}`,
  }),
];
