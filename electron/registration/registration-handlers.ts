import type { AccountLookup } from '../../shared/account';
import type { registrationContract } from '../../shared/contract/registration';
import { AppFailure, failureIs } from '../../shared/errors';
import type { Profile } from '../../shared/profiles';
import {
  registerBaseUrl,
  underscoreNote,
  usernameProblem,
  type RegistrationPreview,
  type RegistrationResult,
} from '../../shared/registration';
import { normaliseBaseUrl } from '../../shared/validation';
import type { AppConfig } from '../app-config';
import type { ChutesClient } from '../chutes-api';
import { registrationBody } from '../chutes-api/endpoints/registration';
import type { SliceHandlers } from '../ipc-router';
import { describeError, log } from '../log';
import { storeAndWipe } from '../keychain/keychain-handlers';
import type { FingerprintStore } from '../keychain/fingerprint-store';
import type { SeedVault } from '../keychain/seed-vault';
import type { ProfileStore } from '../profiles';
import { nonceFrom, sha256Hex } from '../signer/signing-message';
import { discoverWallets, readHotkeySeed, type DiscoveryCache, type HotkeySeed } from '../wallets';
import { hadAccountFailure, madeByAttempt, registrationFailure, unsureAccountFailure } from './registration-failures';
import { seedOfReviewed, seedSourceOf, type SeedSource } from './seed-source';

export interface RegistrationServices {
  config: Pick<AppConfig, 'walletsPath'>;
  vault: SeedVault;
  profiles: ProfileStore;
  chutes: ChutesClient;
  fingerprints: FingerprintStore;
  discovery: DiscoveryCache;
  now?: () => number;
  /** Test seam: how a wallet hotkey's seed is read (default: electron/wallets). */
  readWalletSeed?: (walletsPath: string, walletId: string, hotkeyId: string) => Promise<HotkeySeed>;
}

/** The wallet entry the wizard chose, resolved again from disk (ids only cross the boundary). */
interface Chosen {
  walletId: string;
  hotkeyId: string;
  hotkey: string;
  hotkeyName: string;
  coldkey: string;
  seedSource: SeedSource;
}

const hostOf = (baseUrl: string) => new URL(baseUrl).host;
const underscoreSaid = (username: string, before: string) => {
  const note = underscoreNote(username);
  return note ? `${before}${note}` : '';
};
const CHOOSE_AGAIN = 'Choose the hotkey again on the Wallet & hotkey step.';

/** Finish asked to keep a fingerprint main no longer holds: why, as far as this process knows. */
function notHeld(finishedHere: { kept: boolean } | undefined): AppFailure {
  const later = 'Keep the copy you stored; you can add it to the keychain later from the Account screen.';
  const untick = 'Untick “Also keep it in the system keychain” to finish here.';
  if (finishedHere)
    return new AppFailure(
      'not-found',
      `This account’s Done step was already finished in another window or tab${finishedHere.kept ? ' (its fingerprint was kept in the system keychain, but is no longer there)' : ', without keeping the fingerprint in the keychain'}, so the app no longer holds the fingerprint to put there.`,
      { hint: `${later} ${untick}` },
    );
  return new AppFailure(
    'not-found',
    'The app no longer holds this fingerprint (the app was restarted since the account was registered, or its Done step was finished in another window), so it cannot be put in the keychain.',
    { hint: `${later} ${untick}` },
  );
}

export function registrationHandlers(services: RegistrationServices): SliceHandlers<typeof registrationContract> {
  const { config, vault, profiles, chutes, fingerprints, discovery } = services;
  const now = services.now ?? Date.now;
  // Accounts created in this process, fingerprint included, held only until the Done step finishes:
  // a page that starts again (reloaded, crashed, a window reopened) is offered them again.
  const pending = new Map<string, RegistrationResult>();
  // Registrations sent and not answered yet: a page that starts meanwhile waits for them to land in
  // `pending` rather than offering a fresh wizard (the POST can take minutes).
  let inFlight = 0;
  // Done steps finished in this process, and whether the fingerprint was kept: a second window that
  // restored the same account is told so, rather than that the app was restarted.
  const finished = new Map<string, { kept: boolean }>();
  const perServer = (baseUrl: string, id: string) => `${normaliseBaseUrl(baseUrl)}\n${id}`;
  // When each registration went out, per server and hotkey, on this process's clock: a recheck
  // tells the account it asked for from one the hotkey already had by it.
  const sentAt = new Map<string, number>();
  /** Counted in `inFlight` from the moment it is called until it settles. */
  const counted =
    <A, R>(run: (input: A) => Promise<R>) =>
    async (input: A): Promise<R> => {
      inFlight += 1;
      try {
        return await run(input);
      } finally {
        inFlight -= 1;
      }
    };

  /** The hotkey's name for a profile saved after a recheck: its wallet entry's, if it still holds it. */
  async function nameOf(walletId: string, hotkeyId: string, hotkey: string): Promise<string> {
    const scan = await discoverWallets(config.walletsPath, { cache: discovery });
    const entry = scan.wallets.find((w) => w.id === walletId)?.hotkeys.find((h) => h.id === hotkeyId);
    if (entry?.ss58 === hotkey) return entry.name;
    const kept = (await vault.listSeedLabels()).find((s) => s.ss58 === hotkey)?.label;
    return kept ?? hotkeyId;
  }

  async function choose(walletId: string, hotkeyId: string): Promise<Chosen> {
    const back = { hint: 'Go back to the wallet step and pick again (the wallets folder may have changed).' };
    const scan = await discoverWallets(config.walletsPath, { cache: discovery });
    const wallet = scan.wallets.find((w) => w.id === walletId);
    const entry = wallet?.hotkeys.find((h) => h.id === hotkeyId);
    if (!wallet || !entry?.ss58)
      throw new AppFailure('not-found', 'That hotkey is no longer in the wallets folder.', back);
    if (!wallet.coldkey.ss58) {
      throw new AppFailure(
        'invalid-input',
        `The wallet ${wallet.name} has no readable coldkeypub.txt, and registration needs the coldkey address.`,
        back,
      );
    }
    const seedSource = await seedSourceOf(vault, entry);
    if (!seedSource)
      throw new AppFailure(
        'invalid-input',
        `The hotkey ${entry.name} has no usable seed (${entry.message ?? entry.status}).`,
        back,
      );
    return {
      walletId,
      hotkeyId,
      hotkey: entry.ss58,
      hotkeyName: entry.name,
      coldkey: wallet.coldkey.ss58,
      seedSource,
    };
  }

  function checkUsernameRule(username: string): void {
    const problem = usernameProblem(username);
    if (problem)
      throw new AppFailure(
        'invalid-input',
        problem,
        { fields: [{ path: 'username', message: problem }], hint: 'Go back to the username step.' },
        'username-invalid',
      );
  }

  /** Saved like the CLI's config.ini (seed in the keychain), and made active: the account screens act on it next. */
  async function saveProfile(
    baseUrl: string,
    chosen: Pick<Chosen, 'hotkey' | 'hotkeyName'>,
    account: { username: string; userId: string; paymentAddress: string },
  ): Promise<Profile> {
    const saved = await profiles.upsert({
      baseUrl: normaliseBaseUrl(baseUrl),
      username: account.username,
      userId: account.userId,
      hotkeyName: chosen.hotkeyName,
      hotkeySs58: chosen.hotkey,
      paymentAddress: account.paymentAddress || null,
      source: { kind: 'registration' },
    });
    return profiles.setActive(saved.id);
  }

  async function lookup(baseUrl: string, hotkey: string, signWith?: HotkeySeed): Promise<AccountLookup | null> {
    try {
      if (signWith) return await chutes.lookupWithSeed(baseUrl, signWith);
      return await (await chutes.actingAs({ hotkey, baseUrl })).me();
    } catch (error) {
      if (failureIs(error, 'hotkey-not-registered')) return null;
      throw error;
    }
  }

  /** A hotkey whose seed is only in its file: asked with a copy read for this request alone, then wiped. */
  async function lookupFileSeed(baseUrl: string, hotkey: string, walletId: string, hotkeyId: string) {
    const read = await (services.readWalletSeed ?? readHotkeySeed)(config.walletsPath, walletId, hotkeyId);
    try {
      return await lookup(baseUrl, hotkey, seedOfReviewed(read, hotkey, 'The chosen hotkey file', CHOOSE_AGAIN));
    } finally {
      read.seed.fill(0);
    }
  }

  return {
    checkUsername: async ({ baseUrl, username }) => {
      const problem = usernameProblem(username);
      if (problem) return { username, valid: false, available: false, problem };
      const { valid, available } = await chutes.server(baseUrl).nameCheck(username);
      const host = hostOf(baseUrl);
      const why = !valid
        ? `${host} does not accept this name.`
        : !available
          ? `“${username}” is taken on ${host} (names are compared ignoring case${underscoreSaid(username, '; ')}).`
          : null;
      return { username, valid, available, problem: why };
    },

    checkHotkeyRegistered: async ({ baseUrl, hotkey, walletId, hotkeyId }) => {
      if (walletId === undefined || hotkeyId === undefined) return lookup(baseUrl, hotkey);
      // A keychain that cannot say does not stop the check: the file holds the seed.
      const inKeychain = await vault.hasSeed(hotkey).catch(() => false);
      return inKeychain ? lookup(baseUrl, hotkey) : lookupFileSeed(baseUrl, hotkey, walletId, hotkeyId);
    },

    previewRegistration: async ({ baseUrl, username, walletId, hotkeyId, token }): Promise<RegistrationPreview> => {
      checkUsernameRule(username);
      const chosen = await choose(walletId, hotkeyId);
      const body = JSON.stringify(registrationBody(username, chosen.coldkey));
      const bodySha256 = sha256Hex(body);
      const exampleNonce = nonceFrom(now());
      const url = new URL(`${registerBaseUrl(baseUrl)}/users/register`);
      url.searchParams.set('token', token);
      return {
        method: 'POST',
        url: url.toString(),
        body,
        bodySha256,
        hotkey: chosen.hotkey,
        hotkeyName: chosen.hotkeyName,
        coldkey: chosen.coldkey,
        signingMessage: `${chosen.hotkey}:${exampleNonce}:${bodySha256}`,
        exampleNonce,
        seedSource: chosen.seedSource,
      };
    },

    register: counted(async ({ baseUrl, username, walletId, hotkeyId, token, reviewedHotkey, reviewedBodySha256 }) => {
      checkUsernameRule(username);
      const chosen = await choose(walletId, hotkeyId);
      if (chosen.hotkey !== reviewedHotkey)
        throw new AppFailure(
          'conflict',
          `${chosen.hotkeyName} is now the hotkey ${chosen.hotkey}, not the ${reviewedHotkey} you reviewed (the wallets folder changed), so nothing was sent.`,
          { hint: CHOOSE_AGAIN },
          'hotkey-changed',
        );
      // The body names the coldkey, read again from coldkeypub.txt: the account is bound to it for
      // good, so it must be the one the review showed, byte for byte.
      if (sha256Hex(JSON.stringify(registrationBody(username, chosen.coldkey))) !== reviewedBodySha256)
        throw new AppFailure(
          'conflict',
          `The request is no longer the one you reviewed: the wallet's coldkey is now ${chosen.coldkey} (its coldkeypub.txt changed), so nothing was sent.`,
          { hint: `${CHOOSE_AGAIN} The review then shows the request again.` },
          'hotkey-changed',
        );
      // The profile will sign with the keychain's copy, so the registration signs with it too. The
      // file is read again here: only the seed of the hotkey reviewed goes into the keychain.
      if (chosen.seedSource === 'file') {
        const read = await (services.readWalletSeed ?? readHotkeySeed)(config.walletsPath, walletId, hotkeyId);
        await storeAndWipe(
          vault,
          seedOfReviewed(read, chosen.hotkey, chosen.hotkeyName, CHOOSE_AGAIN),
          chosen.hotkeyName,
        );
      }
      const server = chutes.server(registerBaseUrl(baseUrl));
      let answer;
      try {
        sentAt.set(perServer(baseUrl, chosen.hotkey), now());
        answer = await server.register({ username, coldkey: chosen.coldkey, hotkey: chosen.hotkey, token });
      } catch (error) {
        throw registrationFailure(error, {
          host: server.transport.host,
          username,
          hotkey: chosen.hotkey,
          hotkeyName: chosen.hotkeyName,
          coldkey: chosen.coldkey,
        });
      }
      // A field the answer left out (or gave in another shape) is the one that was sent.
      const account = {
        username: answer.username ?? username,
        userId: answer.user_id,
        paymentAddress: answer.payment_address ?? '',
      };
      // The account exists now and its fingerprint is in this answer only: a profile that cannot be
      // saved must not swallow it, so that failure travels beside the result instead.
      let profile: Profile | null = null;
      let profileProblem: string | null = null;
      try {
        profile = await saveProfile(baseUrl, chosen, account);
      } catch (error) {
        profileProblem = error instanceof AppFailure ? error.message : 'The profile could not be saved.';
        log.warn(`registration: profile not saved: ${describeError(error)}`);
      }
      const result: RegistrationResult = {
        profileProblem,
        baseUrl: normaliseBaseUrl(baseUrl),
        ...account,
        hotkey: answer.hotkey ?? chosen.hotkey,
        coldkey: answer.coldkey ?? chosen.coldkey,
        createdAt: answer.created_at ?? '',
        fingerprint: answer.fingerprint,
        profile,
      };
      pending.set(perServer(baseUrl, answer.user_id), result);
      return result;
    }),

    // Asks about the hotkey that was sent, whatever the wallet ids hold now.
    recheckRegistration: async ({ baseUrl, walletId, hotkeyId, hotkey, username }) => {
      const account = await lookup(baseUrl, hotkey);
      if (!account) return { created: false, checkedAt: new Date(now()).toISOString() };
      const hotkeyName = await nameOf(walletId, hotkeyId, hotkey);
      const made = madeByAttempt(account, username, sentAt.get(perServer(baseUrl, hotkey)));
      const attempt = { host: hostOf(baseUrl), username, hotkey, hotkeyName };
      if (made === 'no') throw hadAccountFailure(attempt, account);
      if (made === 'unknown') throw unsureAccountFailure(attempt, account);
      const profile = await saveProfile(baseUrl, { hotkey, hotkeyName }, account);
      return { created: true, account, profile };
    },

    pendingRegistrations: () => Promise.resolve({ results: [...pending.values()], inFlight }),

    finishRegistration: async ({ baseUrl, userId, keepFingerprint }) => {
      const key = perServer(baseUrl, userId);
      const fingerprint = pending.get(key)?.fingerprint;
      if (keepFingerprint) {
        if (fingerprint === undefined) {
          // Another window finished it and kept it: what this one asks for is done already.
          if (finished.get(key)?.kept && (await fingerprints.has({ userId, baseUrl })))
            return { fingerprintStored: true };
          throw notHeld(finished.get(key));
        }
        await fingerprints.save({ userId, baseUrl }, fingerprint);
      }
      if (pending.delete(key)) finished.set(key, { kept: keepFingerprint });
      return { fingerprintStored: keepFingerprint };
    },
  };
}
