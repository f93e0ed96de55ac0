import { AppFailure } from '../../../shared/errors';
import { LINK_KIND_WORD, linkPath, type LinkKind } from '../../../shared/link';
import { detailOf, httpFailure } from '../failure-map';
import { lostAnswerCause, outcomeUnknown } from '../outcome-unknown';
import type { Transport } from '../transport';
import { selfDetailSchema, type SelfDetail } from './users';

/**
 * The historical link routes (`../shared/reference/chutes-account-api.md` §4): the account signs the
 * request (v1, purpose `link_account`); the linked hotkey's signature of `<ss58>:<username>` rides
 * in the query. Removed from the public server 2025-07-23: there the path now gets FastAPI's plain
 * 404, or, on server code with the catch-all `GET /users/{user_id}`, that user lookup's answer.
 */

const LINK_PURPOSE = 'link_account';

/** A link answers with the account as `GET /users/me` shows it (SelfResponse). */
export type LinkedSelf = SelfDetail;

export interface LinkProbe {
  offered: boolean;
  evidence: string;
}

const detailString = (json: unknown): string | undefined => {
  const detail = detailOf(json);
  return typeof detail === 'string' ? detail : undefined;
};

/** The catch-all user lookup checks v1 signatures for purpose `me`; a link route checks `link_account`. */
const signedForMe = (detail: string | undefined): boolean =>
  !!detail && detail.startsWith('Invalid request signature') && detail.endsWith(':me');

/**
 * Does this server still have the link routes? Asks `GET /users/link_validator` signed as the
 * account for `link_account` with NO hotkey or signature. With the route, the request is refused
 * at validation (422, both query parameters missing) before the handler runs, so nothing is linked;
 * without it, the read-only user lookup answers (401 wrong purpose, 404 `User not found`, or 403
 * when a user is literally named `link_validator`). Any other answer (clock skew, unregistered
 * hotkey, server trouble) is a failure that says what it is rather than a guess.
 */
export async function probeLinking(transport: Transport, hotkey: string): Promise<LinkProbe> {
  const req = {
    method: 'GET' as const,
    path: linkPath('validator'),
    auth: { kind: 'hotkey' as const, hotkey, purpose: LINK_PURPOSE },
    retries: 0,
  };
  const answer = await transport.exchange(req);
  const detail = detailString(answer.json);
  if (answer.status === 422)
    return { offered: true, evidence: 'HTTP 422: the link route asked for its hotkey and signature parameters.' };
  if (answer.status === 401 && signedForMe(detail)) {
    return {
      offered: false,
      evidence:
        'HTTP 401: the request reached the user lookup (it wanted a signature for purpose "me"), not a link route.',
    };
  }
  if (answer.status === 404 || answer.status === 405)
    return {
      offered: false,
      evidence: `HTTP ${answer.status}${detail ? ` "${detail}"` : ''}: there is no link route.`,
    };
  if (answer.status === 403 && detail?.startsWith('This action can only be performed by billing admin')) {
    return { offered: false, evidence: 'HTTP 403: the request reached the user lookup, not a link route.' };
  }
  if (answer.status >= 200 && answer.status < 300) {
    throw new AppFailure(
      'server',
      `Chutes at ${transport.host} answered an incomplete link request with success, so whether it offers linking is unclear.`,
      {
        status: answer.status,
        hint: 'Check again later, or ask the server operator.',
      },
    );
  }
  throw aboutProfileHotkey(
    httpFailure({
      status: answer.status,
      detail: (answer.json as { detail?: unknown } | null)?.detail,
      host: transport.host,
      answer,
      path: req.path,
    }),
    transport.host,
    hotkey,
  );
}

/**
 * The account's own hotkey signs the probe and the link request; the hotkey to link only signs the
 * text in the query. On the Link screen, "not registered" or "signature refused" would read as
 * about the hotkey in the picker: they name the active profile's hotkey instead.
 */
function aboutProfileHotkey(error: unknown, host: string, hotkey: string): unknown {
  if (!(error instanceof AppFailure)) return error;
  const { reason, detail } = error.appError;
  const kept = {
    ...(detail?.status !== undefined ? { status: detail.status } : {}),
    ...(detail?.serverDetail ? { serverDetail: detail.serverDetail } : {}),
  };
  const why = 'The request is signed with the profile’s own hotkey, not the hotkey you link.';
  if (reason === 'hotkey-not-registered')
    return new AppFailure(
      'unauthorized',
      `The active profile's hotkey ${hotkey} has no account on Chutes at ${host}, so nothing could be asked or linked for it.`,
      {
        ...kept,
        hint: `${why} Check the profile on Profiles & hotkeys (is it on the right server?), or switch to your Chutes account's profile.`,
      },
      reason,
    );
  if (reason === 'credentials-rejected')
    return new AppFailure(
      'unauthorized',
      `Chutes at ${host} did not accept the signature of the active profile's hotkey ${hotkey}.`,
      {
        ...kept,
        hint: `${why} The seed the app holds for the profile may not be this hotkey's, or the account is on another server: check the profile on Profiles & hotkeys.`,
      },
      reason,
    );
  return error;
}

export interface LinkCall {
  kind: LinkKind;
  /** The account's own hotkey (signs the request). */
  hotkey: string;
  linkedHotkey: string;
  signature: string;
}

/** Turns the §4 answers into failures that say what happened; others pass through unchanged. */
export function linkFailure(error: unknown, host: string, hotkey: string, kind: LinkKind): unknown {
  if (!(error instanceof AppFailure)) return error;
  if (outcomeUnknown(error)) {
    // Sent, and no word back that can be read: it may be linked. Linking the same hotkey to the same
    // account again only sets what is set: the 409 is for a hotkey held by another account (§4).
    const network = error.appError.detail?.network;
    return new AppFailure(
      'network',
      `The link was sent to ${host}, but ${lostAnswerCause(error)}, so the hotkey may or may not have been linked.`,
      {
        ...(network ? { network } : {}),
        hint: 'Linking it again is safe, and is the way to be sure: Chutes refuses a hotkey only when another account holds it, so a second link to this account changes nothing, and its answer (with the roles) confirms the link. The roles on the Account screen (“free account” and “developer” come with a link) confirm it only if the account did not have them before.',
      },
      'answer-lost',
    );
  }
  const { reason, detail } = error.appError;
  const serverDetail = detail?.serverDetail;
  const base = {
    ...(detail?.status !== undefined ? { status: detail.status } : {}),
    ...(serverDetail ? { serverDetail } : {}),
  };
  if (reason === 'hotkey-linked-elsewhere') {
    const other = /associated with user (.+)$/.exec(serverDetail ?? '')?.[1];
    // No route unlinks a hotkey, but the server keeps one hotkey per account and type: the account
    // holding it releases it by linking another of the same type (§4).
    const holder = other ? `the account ${other}` : 'that account';
    return new AppFailure(
      'conflict',
      other
        ? `This hotkey is already linked to another Chutes account: ${other}.`
        : 'This hotkey is already linked to another Chutes account.',
      {
        ...base,
        hint: `It already gives ${holder} its linked benefits (free use, the developer role). Chutes has no unlink route, but an account holds one ${LINK_KIND_WORD[kind]} hotkey: ${holder} releases this one by linking another ${LINK_KIND_WORD[kind]} hotkey (a new link of the same type replaces the account’s current one). Otherwise moving it to this account needs the Chutes operators. Or link a different hotkey.`,
      },
      'hotkey-linked-elsewhere',
    );
  }
  const status = detail?.status;
  if (
    status === 404 ||
    (status === 401 && signedForMe(serverDetail)) ||
    (status === 403 && serverDetail?.startsWith('This action can only be performed by billing admin'))
  ) {
    return notOfferedFailure(host, base);
  }
  return aboutProfileHotkey(error, host, hotkey);
}

export function notOfferedFailure(host: string, base: { status?: number; serverDetail?: string } = {}): AppFailure {
  return new AppFailure(
    'not-found',
    `Chutes at ${host} does not offer hotkey linking: the link routes were removed from the Chutes API in July 2025.`,
    { ...base, hint: 'Nothing was linked. See "What exists instead" on this screen.' },
    'linking-not-offered',
  );
}

/** `GET /users/link_validator|link_subnet_owner?hotkey=&signature=`, signed as the account (purpose `link_account`). */
export async function sendLink(transport: Transport, call: LinkCall): Promise<LinkedSelf> {
  try {
    return await transport.request({
      method: 'GET',
      path: linkPath(call.kind),
      query: { hotkey: call.linkedHotkey, signature: call.signature },
      auth: { kind: 'hotkey', hotkey: call.hotkey, purpose: LINK_PURPOSE },
      schema: selfDetailSchema,
    });
  } catch (error) {
    throw linkFailure(error, transport.host, call.hotkey, call.kind);
  }
}

/** The linking endpoints bound to one account (AccountApi.link). */
export interface LinkApi {
  probe(): Promise<LinkProbe>;
  send(call: Omit<LinkCall, 'hotkey'>): Promise<LinkedSelf>;
}

export function bindLink(transport: Transport, hotkey: string): LinkApi {
  return { probe: () => probeLinking(transport, hotkey), send: (call) => sendLink(transport, { ...call, hotkey }) };
}
