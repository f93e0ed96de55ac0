import type { linkContract } from '../../shared/contract/link';
import { AppFailure, failureIs } from '../../shared/errors';
import { rolesOf } from '../../shared/roles';
import {
  LINK_KIND_WORD,
  linkMessage,
  linkPath,
  type LinkCapability,
  type LinkKind,
  type LinkPreview,
} from '../../shared/link';
import type { AppConfig } from '../app-config';
import type { AccountApi, ChutesClient } from '../chutes-api';
import { notOfferedFailure } from '../chutes-api/endpoints/link';
import type { SliceHandlers } from '../ipc-router';
import type { SeedVault } from '../keychain/seed-vault';
import { describeError, log } from '../log';
import type { ProfileStore } from '../profiles';
import type { DiscoveryCache } from '../wallets';
import { identifyLinkKey, withLinkSignature, type LinkSeedDeps } from './link-seed';

export interface LinkServices {
  config: Pick<AppConfig, 'walletsPath'>;
  home: string;
  vault: SeedVault;
  chutes: ChutesClient;
  /** A stale username the server's refusal reveals is followed, as the Account screen's answers are. */
  profiles: Pick<ProfileStore, 'followAccount'>;
  discovery?: DiscoveryCache;
  /** Test seams for the seed readers (see link-seed.ts). */
  seeds?: Pick<LinkSeedDeps, 'readWalletSeed' | 'readFileSeed'>;
  now?: () => number;
}

/** The active profile's username: what the linked hotkey signs (`../shared/reference/chutes-account-api.md` §4). */
function usernameOf(api: AccountApi): string {
  const username = api.scope.profile?.username;
  if (!username)
    throw new AppFailure(
      'not-found',
      'No profile is active yet.',
      { hint: 'Register an account, or add one on the Profiles & hotkeys screen.' },
      'no-active-profile',
    );
  // The signed text is `<hotkey>:<username>`. With a colon in the name it could read as another
  // signed message (`hotkey:seconds:purpose`), which a server that sent that name could replay on
  // the real API as the validator. Chutes' own names never hold one (§2.2).
  if (username.includes(':'))
    throw new AppFailure(
      'invalid-input',
      `The profile's username "${username}" has a ":" in it, which no Chutes username has, so nothing was signed.`,
      {
        hint: 'Remove this profile and add the account again from its hotkey, or import a config.ini with its real name.',
      },
    );
  return username;
}

/**
 * The server answers one text, `Invalid hotkey or signature.`, for a hotkey outside its allow-list
 * and for a bad signature. The signature was made here from the hotkey's verified seed, so the one
 * way it can be wrong is a username that differs from the server's: a read-only `/users/me` says.
 */
async function explainRefusal(
  profiles: LinkServices['profiles'],
  api: AccountApi,
  kind: LinkKind,
  linkedHotkey: string,
  username: string,
  original: AppFailure,
): Promise<AppFailure> {
  const base = {
    ...(original.appError.detail?.status !== undefined ? { status: original.appError.detail.status } : {}),
    serverDetail: 'Invalid hotkey or signature.',
  };
  let me: { userId: string; username: string };
  try {
    me = await api.me();
  } catch {
    return new AppFailure(
      'unauthorized',
      `Chutes at ${api.transport.host} refused the hotkey or its signature and does not say which.`,
      {
        ...base,
        hint: `Either ${linkedHotkey} is not on the server’s ${LINK_KIND_WORD[kind]} list, or the profile’s username “${username}” is out of date.`,
      },
      'link-signature-invalid',
    );
  }
  if (me.username !== username) {
    const refused = `The profile’s username “${username}” was out of date: Chutes knows this account as “${me.username}”, so it refused the signed message “${linkMessage(linkedHotkey, username)}” (“Invalid hotkey or signature”).`;
    // The profile follows the server (as accountOverview's heal does): the next preview signs the right name.
    const followed = await followServer(profiles, api, me);
    return new AppFailure(
      'unauthorized',
      refused,
      {
        ...base,
        hint: followed
          ? `The profile now uses “${me.username}”; preview the link again.`
          : 'Update the profile (re-import the CLI config, or look the hotkey up again on Profiles & hotkeys and save it as a profile), then link again.',
      },
      'link-signature-invalid',
    );
  }
  return new AppFailure(
    'forbidden',
    `Chutes at ${api.transport.host} does not accept ${linkedHotkey} as a ${LINK_KIND_WORD[kind]} hotkey: it is not on the server’s allow-list.`,
    {
      ...base,
      hint: `The signature was made here with this hotkey’s own seed over “${linkMessage(linkedHotkey, username)}”, the account’s current name, so the allow-list is what refused it. Check the link type, or ask the server’s operator to add the hotkey.`,
    },
    'not-allow-listed',
  );
}

/** Whether the profile now holds the server's names (the hotkey still signs for the same profile). */
async function followServer(
  profiles: LinkServices['profiles'],
  api: AccountApi,
  me: { userId: string; username: string },
): Promise<boolean> {
  const profile = api.scope.profile;
  if (!profile) return false;
  try {
    const now = await profiles.followAccount(profile.id, profile.hotkeySs58, {
      userId: me.userId,
      username: me.username,
    });
    log.info(`link: profile ${profile.id} follows the server's username`);
    return now.username === me.username;
  } catch (error) {
    log.warn(`link: the profile could not follow the server's username: ${describeError(error)}`);
    return false;
  }
}

/**
 * The profile was renamed (an Account screen in another window read the server's name) after the
 * preview: the hotkey would sign `<hotkey>:<new name>`, a text the user never saw.
 */
function usernameChanged(reviewed: string, now: string): AppFailure {
  return new AppFailure(
    'conflict',
    `The profile’s username changed from “${reviewed}” to “${now}” after the link was previewed, so nothing was signed or sent.`,
    { hint: 'Preview the link again: the signed message names the username.' },
    'profile-changed',
  );
}

export function linkHandlers(services: LinkServices): SliceHandlers<typeof linkContract> {
  const { chutes } = services;
  const now = services.now ?? Date.now;
  const seedDeps: LinkSeedDeps = {
    // A getter: the folder can be changed while the app runs.
    get walletsPath() {
      return services.config.walletsPath;
    },
    home: services.home,
    vault: services.vault,
    ...(services.discovery ? { discovery: services.discovery } : {}),
    ...services.seeds,
  };
  // Per server: the probe's answer does not depend on the account, and re-probing costs a signature.
  const capabilities = new Map<string, Omit<LinkCapability, 'cached'>>();
  const remember = (baseUrl: string, offered: boolean, evidence: string) =>
    capabilities.set(baseUrl, { baseUrl, offered, evidence, checkedAt: new Date(now()).toISOString() });

  return {
    detectLinking: async ({ recheck }) => {
      const api = await chutes.actingAs('active');
      const known = capabilities.get(api.scope.baseUrl);
      if (known && !recheck) return { ...known, cached: true };
      const probe = await api.link.probe();
      remember(api.scope.baseUrl, probe.offered, probe.evidence);
      return { ...(capabilities.get(api.scope.baseUrl) as Omit<LinkCapability, 'cached'>), cached: false };
    },
    previewLink: async ({ kind, source }): Promise<LinkPreview> => {
      const api = await chutes.actingAs('active');
      const username = usernameOf(api);
      const key = await identifyLinkKey(seedDeps, source);
      const url = new URL(`${api.transport.baseUrl}${linkPath(kind)}`);
      url.searchParams.set('hotkey', key.ss58);
      return {
        kind,
        linkedHotkey: key.ss58,
        username,
        signedMessage: linkMessage(key.ss58, username),
        request: {
          method: 'GET',
          url: url.toString(),
          auth: { header: 'X-Chutes-Hotkey', hotkey: api.scope.hotkey, purpose: 'link_account' },
        },
        sourceLabel: key.label,
        seedFrom: key.seedFrom,
      };
    },
    link: async ({ kind, source, keepInKeychain, reviewedHotkey, reviewedUsername, reviewedFor }) => {
      // The signed text names the profile's username: only the one the user reviewed it for.
      const api = await chutes.actingAs({ reviewedFor, what: 'the link' });
      const username = usernameOf(api);
      if (username !== reviewedUsername) throw usernameChanged(reviewedUsername, username);
      // No validator or owner seed is read for a server without the link routes (removed in
      // 2025, reference §4): probe first when this server has not been asked yet.
      let known = capabilities.get(api.scope.baseUrl);
      if (!known) {
        const probe = await api.link.probe();
        remember(api.scope.baseUrl, probe.offered, probe.evidence);
        known = capabilities.get(api.scope.baseUrl);
      }
      if (known?.offered === false) throw notOfferedFailure(api.transport.host);
      const { result, keepProblem } = await withLinkSignature(
        seedDeps,
        source,
        username,
        keepInKeychain,
        reviewedHotkey,
        async (signed) => {
          try {
            const self = await api.link.send({ kind, linkedHotkey: signed.ss58, signature: signed.signature });
            remember(api.scope.baseUrl, true, 'A link request succeeded on this server.');
            return {
              kind,
              linkedHotkey: signed.ss58,
              username: self.username,
              roles: rolesOf(self.permissions_bitmask, self.permissions),
              permissions: self.permissions ?? [],
              seedFrom: signed.seedFrom,
              keptInKeychain: keepInKeychain || signed.seedFrom === 'keychain',
            };
          } catch (error) {
            if (failureIs(error, 'linking-not-offered'))
              remember(
                api.scope.baseUrl,
                false,
                'A link request found no link route on this server; nothing was linked.',
              );
            if (error instanceof AppFailure && failureIs(error, 'link-signature-invalid'))
              throw await explainRefusal(services.profiles, api, kind, signed.ss58, username, error);
            throw error;
          }
        },
      );
      return keepProblem === null ? result : { ...result, keptInKeychain: false, keepProblem };
    },
  };
}
