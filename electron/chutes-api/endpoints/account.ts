import { z } from 'zod';
import type { TransferResult } from '../../../shared/account-screen';
import { AppFailure } from '../../../shared/errors';
import { detailOf, detailText, httpFailure, nonJsonFailure, unexpectedShapeFailure } from '../failure-map';
import { NOT_JSON, type Transport } from '../transport';
import { getSelf, selfDetailSchema, type SelfDetail } from './users';
import { getLimits, getUsage } from './account-usage';
import { loginNonceSchema, serverNumber } from './schemas';

// The Account screen's endpoints (`../shared/reference/chutes-account-api.md` §3): fingerprint
// operations, transfers and the legacy refund here; limits and usage in ./account-usage.ts.

const num = serverNumber;

/** `GET /idp/cli_login/nonce` (§3.5): absent on servers without the browser login. */
export async function cliLoginNonce(transport: Transport): Promise<string | null> {
  const answer = await transport.exchange({
    method: 'GET',
    path: '/idp/cli_login/nonce',
    auth: { kind: 'none' },
    retries: 0,
  });
  // Only an unknown route means "not offered"; a 5xx or a rate limit is a failure to say as such.
  if (answer.status === 404 || answer.status === 405) return null;
  const path = '/idp/cli_login/nonce';
  if (answer.status !== 200) {
    const json = answer.json;
    const detail = detailOf(json);
    throw httpFailure({ status: answer.status, detail, host: transport.host, answer, path });
  }
  // Signed and put into a one-time URL: a UUID, never text that could read as another signed message.
  const parsed = loginNonceSchema.safeParse(answer.json);
  if (!parsed.success) throw unexpectedShapeFailure(transport.host, path, answer.status);
  return parsed.data.nonce;
}

/** Only the 2xx matters: the new fingerprint is in effect whatever words come with it. */
const changedSchema = z.unknown();

/** `POST /users/change_fingerprint` (§3.6) in hotkey mode: own message `<hotkey>:<new>:<nonce>`, no Authorization header. */
export function changeFingerprintSigned(
  transport: Transport,
  hotkey: string,
  newFingerprint: string,
): Promise<unknown> {
  return transport.request({
    method: 'POST',
    path: '/users/change_fingerprint',
    auth: { kind: 'refinger', hotkey, newFingerprint },
    body: { fingerprint: newFingerprint },
    schema: changedSchema,
  });
}

/** `POST /users/change_fingerprint` with the current fingerprint as the whole Authorization header. */
export function changeFingerprintWithCurrent(
  transport: Transport,
  hotkey: string,
  current: string,
  newFingerprint: string,
): Promise<unknown> {
  return transport.request({
    method: 'POST',
    path: '/users/change_fingerprint',
    auth: { kind: 'fingerprint', value: current, hotkey },
    body: { fingerprint: newFingerprint },
    schema: changedSchema,
  });
}

/** `POST /users/change_bt_auth` (§3.7) → the account as it is now bound. */
export function changeBtAuth(
  transport: Transport,
  account: string,
  fingerprint: string,
  hotkey: string,
): Promise<SelfDetail> {
  return transport.request({
    method: 'POST',
    path: '/users/change_bt_auth',
    auth: { kind: 'fingerprint', value: fingerprint, hotkey: account },
    body: { hotkey },
    schema: selfDetailSchema,
  });
}

const deletedSchema = z.object({ deleted: z.literal(true) });

/**
 * `DELETE /users/me` (§3.4). A refusal comes in two forms: the newer 409 with an object
 * `detail` ({message, …context}), or the older server's 500 when the account still owns things.
 */
export async function deleteMe(transport: Transport, hotkey: string, fingerprint: string): Promise<void> {
  const answer = await transport.exchange({
    method: 'DELETE',
    path: '/users/me',
    auth: { kind: 'fingerprint', value: fingerprint, hotkey },
  });
  if (answer.status >= 200 && answer.status < 300) {
    // Only Chutes' own words count: a proxy's or portal's 200 page deleted nothing, and the app
    // must not forget the profile and its fingerprint on it.
    if (deletedSchema.safeParse(answer.json).success) return;
    if (answer.json === NOT_JSON) throw nonJsonFailure(transport.host, answer.status);
    throw unexpectedShapeFailure(transport.host, '/users/me', answer.status);
  }
  const detail = detailOf(answer.json);
  const base = { status: answer.status, ...(detailText(detail) ? { serverDetail: detailText(detail) } : {}) };
  if (answer.status === 409) {
    const message =
      typeof detail === 'string'
        ? detail
        : typeof detail === 'object' && detail !== null && typeof (detail as { message?: unknown }).message === 'string'
          ? (detail as { message: string }).message
          : 'The server refused to delete the account.';
    const owned = typeof detail === 'object' && detail !== null ? ownedList(detail as Record<string, unknown>) : '';
    // §3.4's balance check, said with money: "User balance (100) is outside the deletable range of +/-25.0".
    const balance = /^User balance \((-?[\d.]+)\) is outside the deletable range of \+\/-([\d.]+)/.exec(message);
    if (balance) {
      const held = Number(balance[1] ?? '0');
      const limit = Number(balance[2] ?? '0');
      const usd = (v: number) => `$${v.toFixed(2)}`;
      // "At least" rounds up to the cent: $0.004 over the range needs $0.01, not $0.00.
      const atLeast = (v: number) => usd(Math.ceil(Math.round(v * 1e6) / 1e4) / 100);
      // What brings the balance within the range: a transfer out when it is above, a top-up when below.
      // Not where: this is said on the Account screen, beside a button that goes to that part of it.
      const hint =
        held > limit
          ? `Transfer at least ${atLeast(held - limit)} to another user, then try again.`
          : `Top up at least ${atLeast(-limit - held)}, then try again.`;
      throw new AppFailure(
        'conflict',
        `Chutes did not delete the account: it deletes accounts only while the balance is within ±${usd(limit)}, and this one holds ${usd(held) === usd(limit) || usd(held) === usd(-limit) ? `$${balance[1] ?? held}` : usd(held)}.`,
        { ...base, hint, fixAt: held > limit ? 'balance-transfers' : 'top-up' },
        'account-not-deletable',
      );
    }
    throw new AppFailure(
      'conflict',
      `Chutes did not delete the account: ${message}${owned}`,
      { ...base, hint: 'Fix what it names, then try again.' },
      'account-not-deletable',
    );
  }
  if (answer.status === 500) {
    throw new AppFailure(
      'server',
      `Chutes at ${transport.host} could not delete the account (HTTP 500). Older servers fail like this while the account still owns chutes, images or secrets.`,
      { ...base, hint: 'Delete its chutes, images and secrets first, then try again.' },
      'account-not-deletable',
    );
  }
  if (answer.json === NOT_JSON)
    throw httpFailure({ status: answer.status, detail: undefined, host: transport.host, answer, path: '/users/me' });
  throw httpFailure({ status: answer.status, detail, host: transport.host, answer, path: '/users/me' });
}

function ownedList(detail: Record<string, unknown>): string {
  const parts = ['chutes', 'images', 'secrets'].flatMap((k) => {
    const v = detail[k];
    return Array.isArray(v) && v.length > 0 ? [`${v.length} ${v.length === 1 ? k.slice(0, -1) : k}`] : [];
  });
  return parts.length > 0 ? ` (it still owns ${parts.join(', ')})` : '';
}

const transferSchema = z.object({
  transferred: num,
  from_user: z.string(),
  to_user: z.string(),
  from_balance: num,
  to_balance: num,
});

/** `POST /users/balance_transfer` (§3.8), signed with the hotkey over the body hash. */
export async function balanceTransfer(
  transport: Transport,
  hotkey: string,
  target: string,
  amountUsd: number | undefined,
  now: () => Date = () => new Date(),
): Promise<TransferResult> {
  const body = amountUsd === undefined ? { user_id: target } : { user_id: target, amount: amountUsd };
  const r = await transport.request({
    method: 'POST',
    path: '/users/balance_transfer',
    auth: { kind: 'hotkey', hotkey },
    body,
    schema: transferSchema,
  });
  return {
    transferredUsd: r.transferred,
    toUser: r.to_user,
    fromBalanceUsd: r.from_balance,
    toBalanceUsd: r.to_balance,
    at: now().toISOString(),
  };
}

/** Up to Cloudflare's own 100 s, and a little over. */
export const REFUND_TIMEOUT_MS = 110_000;

/** The quirk's `status_code` as the server meant it: a number, or nothing the app can say. */
const statusCodeText = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) ? String(value) : 'not given';

/**
 * `POST /return_developer_deposit` (§3.9). Quirk: a failed on-chain refund comes back as HTTP 200
 * with `{status_code, detail}` — that is a failure, never shown as success.
 */
export async function returnDeveloperDeposit(
  transport: Transport,
  hotkey: string,
  address: string,
): Promise<{ message: string }> {
  const json = await transport.request({
    method: 'POST',
    path: '/return_developer_deposit',
    auth: { kind: 'hotkey', hotkey },
    body: { address },
    // The server answers once the transfer is on chain, which can take far longer than a read.
    timeoutMs: REFUND_TIMEOUT_MS,
  });
  const record = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  if ('status_code' in record) {
    const said = detailText(record.detail) ?? 'no reason given';
    throw new AppFailure(
      'server',
      `The refund did not go through. The server answered “OK” but its body says it failed (status ${statusCodeText(record.status_code)}): ${said}`,
      {
        status: 200,
        hint: 'This server reports a failed on-chain refund inside a successful answer; nothing was transferred. Try again later.',
      },
      'refund-failed',
    );
  }
  if (record.status !== 'transferred') {
    // Not the quirk, not a success: what it did is not known, so it is not reported as sent.
    const said = typeof record.message === 'string' ? `: ${record.message.slice(0, 300)}` : '';
    throw new AppFailure(
      'server',
      `Chutes answered the refund request without saying it was transferred${said}`,
      { status: 200, hint: 'Look at the destination wallet before asking again.' },
      'unexpected-shape',
    );
  }
  return { message: typeof record.message === 'string' ? record.message : 'The refund was sent.' };
}

/** The Account screen's calls bound to one account (AccountApi.account). */
export function accountEndpoints(transport: Transport, hotkey: string) {
  return {
    self: () => getSelf(transport, hotkey),
    limits: () => getLimits(transport, hotkey),
    usage: (range: { start: string; end: string; perChute: boolean }) => getUsage(transport, hotkey, range),
    cliLoginNonce: () => cliLoginNonce(transport),
    changeFingerprintSigned: (newFingerprint: string) => changeFingerprintSigned(transport, hotkey, newFingerprint),
    changeFingerprintWithCurrent: (current: string, newFingerprint: string) =>
      changeFingerprintWithCurrent(transport, hotkey, current, newFingerprint),
    changeBtAuth: (fingerprint: string, newHotkey: string) => changeBtAuth(transport, hotkey, fingerprint, newHotkey),
    deleteMe: (fingerprint: string) => deleteMe(transport, hotkey, fingerprint),
    balanceTransfer: (target: string, amountUsd: number | undefined) =>
      balanceTransfer(transport, hotkey, target, amountUsd),
    returnDeveloperDeposit: (address: string) => returnDeveloperDeposit(transport, hotkey, address),
  };
}
export type AccountEndpoints = ReturnType<typeof accountEndpoints>;
