import { AppFailure } from '../../shared/errors';
import type { Profile } from '../../shared/profiles';
import { apiBaseUrl, normaliseBaseUrl } from '../../shared/validation';
import type { ActivityLog } from '../activity-log/activity-log';
import type { SeedVault } from '../keychain/seed-vault';
import type { ProfileStore } from '../profiles';
import type { HotkeySeed } from '../wallets';
import { bindLink, type LinkApi } from './endpoints/link';
import { bindApiKeys, type ApiKeysApi } from './endpoints/api-keys-bound';
import { accountEndpoints, type AccountEndpoints } from './endpoints/account';
import { createChuteNameLookup } from './endpoints/chute-names';
import { nameCheck, register } from './endpoints/registration';
import { getMe, ping } from './endpoints/users';
import { oneSeedVault } from './one-seed-vault';
import { bindSecrets, type SecretsApi } from './endpoints/secrets-api';
import { createTransport, type Transport } from './transport';

/**
 * Who an account operation acts as: a profile (usually the active one), or a bare hotkey.
 * `reviewedFor`: the active profile, provided it is the one the user reviewed the action for (its
 * id); after a switch — here or in the other window — the action is refused (`profile-changed`),
 * naming `what` was reviewed, and nothing is sent.
 */
export type ActingAs =
  'active' | { profileId: string } | { reviewedFor: string; what: string } | { hotkey: string; baseUrl?: string };

/** The account an operation acts on, resolved once per call. */
export interface AccountScope {
  baseUrl: string;
  hotkey: string;
  /** Known once the account is registered (from the profile); null for a bare hotkey lookup. */
  userId: string | null;
  profile: Profile | null;
}

/**
 * Typed endpoints bound to one account: every screen's calls go through here, so none picks a
 * server or a key itself. Features add their endpoint modules (./endpoints/<feature>.ts) here.
 */
export interface AccountApi {
  readonly scope: AccountScope;
  readonly transport: Transport;
  me(): ReturnType<typeof getMe>;
  readonly secrets: SecretsApi;
  readonly apiKeys: ApiKeysApi;
  readonly link: LinkApi;
  /** The Account screen's endpoints (balance, limits, usage, fingerprint operations, transfers). */
  readonly account: AccountEndpoints;
  /** Names of the given chutes where this account may see them (public, shared or its own); kept for the process. */
  chuteNames(ids: readonly string[]): Promise<Record<string, string>>;
}

/** Calls that need no account: the server itself (connection checks, registration's first steps). */
export interface ServerApi {
  readonly transport: Transport;
  ping(): ReturnType<typeof ping>;
  nameCheck(username: string): ReturnType<typeof nameCheck>;
  register(input: Parameters<typeof register>[1]): ReturnType<typeof register>;
}

export interface ChutesClient {
  /** The account-scoped API for the active profile, another profile, or a bare hotkey. */
  actingAs(who: ActingAs): Promise<AccountApi>;
  server(baseUrl: string): ServerApi;
  /**
   * `GET /users/me` signed with a seed read from a wallet file, kept nowhere (one-seed-vault.ts):
   * registration asks it of a hotkey whose seed is not in the keychain yet.
   */
  lookupWithSeed(baseUrl: string, read: HotkeySeed): ReturnType<typeof getMe>;
  /** Forget a hotkey's session tokens on every server it was used with. */
  forgetSessions(hotkey: string, baseUrls: Iterable<string>): Promise<void>;
}

export interface ChutesClientDeps {
  vault: SeedVault;
  profiles: ProfileStore;
  activity: Pick<ActivityLog, 'append'>;
  /** Where a bare hotkey is looked up when no profile is active (CHUTES_API_URL or the default). */
  defaultBaseUrl: string;
  fetchImpl?: typeof fetch;
}

/**
 * An address the app cannot send to. Profiles and forms check theirs, so in practice this is
 * CHUTES_API_URL set to something like `api.chutes.ai` (no scheme): said as such, nothing sent.
 */
function unusableBaseUrl(baseUrl: string, isDefault: boolean): AppFailure {
  const shown = JSON.stringify(baseUrl.slice(0, 200));
  return new AppFailure(
    'invalid-input',
    isDefault
      ? `CHUTES_API_URL is set to ${shown}, which is not a full http:// or https:// address, so nothing was sent.`
      : `The API address ${shown} is not a full http:// or https:// address, so nothing was sent.`,
    {
      hint: isDefault
        ? 'Set CHUTES_API_URL to an address such as https://api.chutes.ai (or unset it), then start the app again.'
        : 'Use an address such as https://api.chutes.ai.',
    },
  );
}

export function createChutesClient(deps: ChutesClientDeps): ChutesClient {
  const transports = new Map<string, Transport>();
  const chuteNames = createChuteNameLookup();
  const newTransport = (baseUrl: string, vault: SeedVault): Transport => {
    const key = normaliseBaseUrl(baseUrl);
    if (!apiBaseUrl.safeParse(key).success) throw unusableBaseUrl(key, key === normaliseBaseUrl(deps.defaultBaseUrl));
    return createTransport({
      baseUrl: key,
      vault,
      activityLog: deps.activity,
      ...(deps.fetchImpl ? { fetchImpl: deps.fetchImpl } : {}),
    });
  };
  // One transport per base URL for the process: its JWT sessions are per server.
  const transportFor = (baseUrl: string): Transport => {
    const key = normaliseBaseUrl(baseUrl);
    let transport = transports.get(key);
    if (!transport) {
      transport = newTransport(key, deps.vault);
      transports.set(key, transport);
    }
    return transport;
  };

  async function resolve(who: ActingAs): Promise<AccountScope> {
    if (who !== 'active' && 'reviewedFor' in who) {
      const scope = await resolve('active');
      if (scope.profile?.id === who.reviewedFor) return scope;
      // Both names: "changed" alone does not say which account the review was for.
      const reviewed = (await deps.profiles.list()).find((p) => p.id === who.reviewedFor)?.displayName;
      throw new AppFailure(
        'conflict',
        `The active profile changed${reviewed ? ` from ${reviewed}` : ''} to ${scope.profile?.displayName ?? 'another one'} after ${who.what} was reviewed, so nothing was sent.`,
        { hint: 'Review it again: it would now act on the account of the active profile.' },
        'profile-changed',
      );
    }
    if (who === 'active' || 'profileId' in who) {
      const { profiles, activeId } = await deps.profiles.snapshot();
      const id = who === 'active' ? activeId : who.profileId;
      const profile = profiles.find((p) => p.id === id);
      if (!profile) {
        throw who === 'active'
          ? new AppFailure(
              'not-found',
              'No profile is active yet.',
              { hint: 'Register an account, or add one on the Profiles & hotkeys screen.' },
              'no-active-profile',
            )
          : new AppFailure(
              'not-found',
              'That profile no longer exists; the list may have changed in another window.',
              undefined,
              'profile-missing',
            );
      }
      return { baseUrl: profile.baseUrl, hotkey: profile.hotkeySs58, userId: profile.userId, profile };
    }
    // A bare hotkey is looked up on the active profile's server, so lookups follow the switcher.
    const { profiles, activeId } = await deps.profiles.snapshot();
    const active = profiles.find((p) => p.id === activeId);
    return {
      baseUrl: normaliseBaseUrl(who.baseUrl ?? active?.baseUrl ?? deps.defaultBaseUrl),
      hotkey: who.hotkey,
      userId: null,
      profile: null,
    };
  }

  return {
    async actingAs(who) {
      const scope = await resolve(who);
      const transport = transportFor(scope.baseUrl);
      return {
        scope,
        transport,
        me: () => getMe(transport, scope.hotkey),
        apiKeys: bindApiKeys(transport, scope.hotkey),
        secrets: bindSecrets(transport, scope.hotkey),
        account: accountEndpoints(transport, scope.hotkey),
        link: bindLink(transport, scope.hotkey),
        chuteNames: (ids) => chuteNames.names(transport, scope.hotkey, ids),
      };
    },
    server(baseUrl) {
      const transport = transportFor(baseUrl);
      return {
        transport,
        ping: () => ping(transport),
        nameCheck: (username) => nameCheck(transport, username),
        register: (input) => register(transport, input),
      };
    },
    lookupWithSeed: (baseUrl, read) => getMe(newTransport(baseUrl, oneSeedVault(read)), read.ss58),
    async forgetSessions(hotkey, baseUrls) {
      // No session was ever made with an address the app cannot use, so there is none to forget.
      const usable = [...baseUrls].map(normaliseBaseUrl).filter((url) => apiBaseUrl.safeParse(url).success);
      for (const url of new Set(usable)) await transportFor(url).forgetSession(hotkey);
    },
  };
}
