import type { accountScreenContract } from '../../shared/contract/account-screen';
import { AppFailure, failureIs } from '../../shared/errors';
import { FINGERPRINT_CHARS, SENDABLE_FINGERPRINT } from '../../shared/validation';
import type { AccountScope, ChutesClient } from '../chutes-api';
import { rolesOf } from '../../shared/roles';
import { seedMissingFailure } from '../chutes-api/failure-map';
import { outcomeUnknown } from '../chutes-api/outcome-unknown';
import { afterDone, errorText } from '../after-done';
import {
  DELETE_HINT,
  FINGERPRINT_CHANGE_HINT,
  lostAnswer,
  moveHint,
  REFUND_HINT,
  TRANSFER_HINT,
} from './done-on-server';
import type { SliceHandlers } from '../ipc-router';
import { log } from '../log';
import type { FingerprintAccount, FingerprintStore } from '../keychain/fingerprint-store';
import type { SeedVault } from '../keychain/seed-vault';
import type { ProfileStore } from '../profiles';
import type { Profile } from '../../shared/profiles';
import { signMessage } from '../signer/sr25519';

export interface AccountScreenServices {
  profiles: ProfileStore;
  chutes: ChutesClient;
  vault: SeedVault;
  fingerprints: FingerprintStore;
}

/** The fingerprint an operation was given: typed now, or read from the keychain. */
interface UsedFingerprint {
  value: string;
  typed: boolean;
}

const accountOf = (scope: AccountScope): FingerprintAccount => ({ userId: scope.userId ?? '', baseUrl: scope.baseUrl });

/** Fingerprint answers said so a person knows what to do (the server's texts, `../shared/reference/chutes-account-api.md` §3.4–3.8, are terse). */
/** A `.catch` for a request that changes the account: a lost answer is said as maybe done. */
const ifLost =
  (what: string, host: string, hint: string) =>
  (error: unknown): never => {
    throw outcomeUnknown(error) ? lostAnswer(error, what, host, hint) : error;
  };

function explained(error: unknown, used: UsedFingerprint | null): unknown {
  if (failureIs(error, 'fingerprint-rejected')) {
    const { detail } = (error as AppFailure).appError;
    return new AppFailure(
      'unauthorized',
      used?.typed === false
        ? 'Chutes did not accept the fingerprint kept in the keychain; it may have been changed elsewhere.'
        : 'Chutes did not accept that fingerprint.',
      {
        ...detail,
        hint: 'Check the fingerprint (it is case-sensitive; the one shown at registration, or the last one you set). If it is lost, change it with the hotkey (Change fingerprint works without the old one).',
      },
      'fingerprint-rejected',
    );
  }
  return error;
}

export function accountScreenHandlers({
  profiles,
  chutes,
  vault,
  fingerprints,
}: AccountScreenServices): SliceHandlers<typeof accountScreenContract> {
  async function fingerprintFor(scope: AccountScope, typed: string | undefined): Promise<UsedFingerprint> {
    if (typed !== undefined) return { value: typed, typed: true };
    const stored = await fingerprints.read(accountOf(scope));
    if (stored === null) {
      throw new AppFailure(
        'invalid-input',
        'No fingerprint is kept in the keychain for this account: enter it.',
        { fields: [{ path: 'fingerprint', message: 'Enter the account fingerprint' }] },
        'fingerprint-needed',
      );
    }
    if (!SENDABLE_FINGERPRINT.test(stored))
      throw new AppFailure(
        'invalid-input',
        `The fingerprint kept in the keychain cannot be sent to Chutes: ${FINGERPRINT_CHARS.toLowerCase()}.`,
        { hint: 'Enter the fingerprint instead, or change it with the hotkey (Change fingerprint works without it).' },
        'fingerprint-unsendable',
      );
    return { value: stored, typed: false };
  }

  /** Runs a fingerprint operation; a typed fingerprint is kept only when asked, and only once it worked. */
  async function withFingerprint<T>(
    scope: AccountScope,
    input: { fingerprint?: string | undefined; remember: boolean },
    op: (fp: string) => Promise<T>,
  ): Promise<T> {
    const used = await fingerprintFor(scope, input.fingerprint);
    const result = await op(used.value).catch((error: unknown) => {
      throw explained(error, used);
    });
    // Done on the server: not keeping the fingerprint must not read as the operation failing.
    if (used.typed && input.remember)
      await afterDone('keep the fingerprint', fingerprints.save(accountOf(scope), used.value));
    return result;
  }

  /**
   * The server says which account the profile's hotkey signs for. A profile can disagree: a
   * config.ini imported with another user_id or username (the CLI never checks them), or a name
   * changed since. The screens compare answers with the profile, so a stale one would leave the
   * overview "Reading…" for good, and the delete form would ask for one name while main wanted
   * another: the profile follows the server.
   */
  async function heal(profile: Profile | null, me: { user_id: string; username: string }): Promise<void> {
    if (!profile || (profile.userId === me.user_id && profile.username === me.username)) return;
    log.info(`account: profile ${profile.id} follows the server's user id and username`);
    await profiles
      .followAccount(profile.id, profile.hotkeySs58, { userId: me.user_id, username: me.username })
      .catch((error: unknown) => {
        // Said, not swallowed: every screen would set this account's answers aside as another's.
        const { code, message } = errorText(error);
        throw new AppFailure(
          code === 'internal' ? 'conflict' : code,
          `Chutes says this hotkey's account is ${me.username} (user id ${me.user_id}), but the profile says ${profile.username} (${profile.userId}), and updating the profile failed: ${message}`,
          { hint: 'Try again. If it repeats, remove this profile and add the account again from its hotkey.' },
        );
      });
  }

  async function requireSeed(hotkey: string): Promise<void> {
    if (!(await vault.hasSeed(hotkey)))
      throw seedMissingFailure(new AppFailure('not-found', 'no seed'), hotkey) as Error;
  }

  return {
    accountOverview: async () => {
      const api = await chutes.actingAs('active');
      const me = await api.account.self();
      await heal(api.scope.profile, me);
      const fingerprintStored = await fingerprints
        .has({ userId: me.user_id, baseUrl: api.scope.baseUrl })
        .catch(() => false);
      return {
        baseUrl: api.scope.baseUrl,
        username: me.username,
        userId: me.user_id,
        hotkey: me.hotkey,
        coldkey: me.coldkey ?? '',
        createdAt: me.created_at ?? '',
        balanceUsd: me.balance ?? null,
        paymentAddress: me.payment_address ?? '',
        roles: rolesOf(me.permissions_bitmask, me.permissions),
        netuids: me.netuids ?? [],
        asOf: new Date().toISOString(),
        fingerprintStored,
      };
    },
    accountLimits: async () => {
      const api = await chutes.actingAs('active');
      return { account: accountOf(api.scope), ...(await api.account.limits()) };
    },
    accountUsage: async (range) => {
      const api = await chutes.actingAs('active');
      return { account: accountOf(api.scope), ...(await api.account.usage(range)) };
    },
    chuteNames: async ({ ids }) => (await chutes.actingAs('active')).chuteNames(ids),

    dashboardLogin: async () => {
      const api = await chutes.actingAs('active');
      const nonce = await api.account.cliLoginNonce();
      if (nonce === null) {
        return {
          supported: false,
          message: `Chutes at ${api.transport.host} does not offer the browser login (/idp/cli_login). Sign in on the web site with your fingerprint instead.`,
        };
      }
      const { hotkey } = api.scope;
      // The browser login signs the nonce string itself, like the JSON login (§3.5).
      const signature = await vault
        .withSeed(hotkey, (seed) => signMessage(seed, nonce))
        .catch((error: unknown) => {
          throw seedMissingFailure(error, hotkey);
        });
      const url = new URL(`${api.transport.baseUrl}/idp/cli_login`);
      url.search = new URLSearchParams({ hotkey, signature, nonce }).toString();
      return { supported: true, url: url.toString() };
    },

    changeFingerprint: async (input) => {
      const api = await chutes.actingAs({ reviewedFor: input.reviewedFor, what: 'the fingerprint change' });
      const account = accountOf(api.scope);
      const wasStored = await fingerprints.has(account);
      const lost = ifLost('The fingerprint change', api.transport.host, FINGERPRINT_CHANGE_HINT);
      if (input.fingerprint === undefined && (await vault.hasSeed(api.scope.hotkey))) {
        // Hotkey mode: no old fingerprint needed — the way back when it is lost.
        await api.account.changeFingerprintSigned(input.newFingerprint).catch(lost);
      } else {
        await withFingerprint(api.scope, { ...input, remember: false }, (fp) =>
          api.account.changeFingerprintWithCurrent(fp, input.newFingerprint).catch(lost),
        );
      }
      // Changed on the server: from here on a failure is the app's bookkeeping, said beside the
      // result, never as the change failing. A kept fingerprint would now be stale: replace it, or
      // drop it when the keychain will not take the new one. JWTs made from the old one are void.
      let keepProblem: string | null = null;
      if (wasStored || input.remember) {
        keepProblem = await afterDone('keep the new fingerprint', fingerprints.save(account, input.newFingerprint));
        if (keepProblem !== null) {
          const stale = await afterDone('forget the old fingerprint', fingerprints.remove(account));
          if (stale !== null && wasStored)
            keepProblem = `${keepProblem} The old fingerprint, which no longer works, is still kept in the keychain too (${stale}): use “Forget it” under Login and account on this screen.`;
        }
      }
      await afterDone('forget the session', api.transport.forgetSession(api.scope.hotkey));
      return { stored: (wasStored || input.remember) && keepProblem === null, keepProblem };
    },

    changeAccountHotkey: async (input) => {
      const api = await chutes.actingAs({ reviewedFor: input.reviewedFor, what: 'the move to another hotkey' });
      const profile = api.scope.profile;
      if (!profile) throw new AppFailure('not-found', 'No profile is active yet.', undefined, 'no-active-profile');
      if (input.newHotkey === profile.hotkeySs58) {
        throw new AppFailure('invalid-input', 'That is already the hotkey of this account.', {
          fields: [{ path: 'newHotkey', message: 'Choose another hotkey' }],
        });
      }
      // The profile must be able to sign afterwards, so the new hotkey's seed has to be in the keychain first.
      const label = (await vault.listSeedLabels()).find((s) => s.ss58 === input.newHotkey);
      if (!label) {
        throw new AppFailure(
          'not-found',
          `The keychain holds no seed for ${input.newHotkey}, so this profile could not sign after the move.`,
          {
            hint: 'Add that hotkey to the keychain on the Profiles & hotkeys screen first, then move the account.',
            fields: [{ path: 'newHotkey', message: 'Not in the keychain' }],
          },
          'new-hotkey-seed-missing',
        );
      }
      const lost = ifLost('The move to another hotkey', api.transport.host, moveHint(input.newHotkey));
      const me = await withFingerprint(api.scope, input, (fp) =>
        api.account.changeBtAuth(fp, input.newHotkey).catch(lost),
      );
      await afterDone('forget the session', api.transport.forgetSession(profile.hotkeySs58));
      const moved = profiles.upsert({
        id: profile.id,
        baseUrl: profile.baseUrl,
        username: me.username,
        userId: me.user_id,
        hotkeyName: label.label ?? 'default',
        hotkeySs58: me.hotkey,
        paymentAddress: me.payment_address ?? profile.paymentAddress,
        source: profile.source,
      });
      return moved.catch((error: unknown) => {
        const { code, message } = errorText(error);
        throw new AppFailure(
          code,
          `The account now belongs to hotkey ${me.hotkey}, but its profile here could not be updated (${message}), so the profile still names the old hotkey.`,
          {
            hint: `Remove this profile, then add the account again from hotkey ${me.hotkey} on the Profiles & hotkeys screen.`,
          },
          'profile-not-updated',
        );
      });
    },

    deleteAccount: async (input) => {
      const api = await chutes.actingAs({ reviewedFor: input.reviewedFor, what: 'the account deletion' });
      const profile = api.scope.profile;
      if (!profile) throw new AppFailure('not-found', 'No profile is active yet.', undefined, 'no-active-profile');
      if (input.confirmUsername !== profile.username) {
        throw new AppFailure(
          'invalid-input',
          `Type the username exactly (${profile.username}) to confirm.`,
          { fields: [{ path: 'confirmUsername', message: 'Does not match' }] },
          'username-mismatch',
        );
      }
      await withFingerprint(api.scope, { ...input, remember: false }, (fp) => {
        // DELETE /users/me hashes only the last space-separated word (reference §3.4).
        if (fp.includes(' '))
          throw new AppFailure(
            'invalid-input',
            'Chutes reads only the last word of the fingerprint when deleting an account, so a fingerprint with spaces cannot delete it.',
            { hint: 'Change the fingerprint to one without spaces first, then delete the account with it.' },
            'fingerprint-unsendable',
          );
        return api.account.deleteMe(fp).catch(ifLost('The account deletion', api.transport.host, DELETE_HINT));
      });
      // Deleted on the server: what follows is the app's own bookkeeping, said beside the result.
      await afterDone('forget the fingerprint', fingerprints.remove(accountOf(api.scope)));
      await afterDone('forget the session', api.transport.forgetSession(profile.hotkeySs58));
      // The hotkey's seed stays in the keychain: it may sign for other things (or a new registration).
      const profileProblem = await afterDone('remove the profile', profiles.remove(profile.id));
      return { deleted: true as const, profileRemoved: profileProblem === null, profileProblem };
    },

    forgetFingerprint: async () => {
      const api = await chutes.actingAs('active');
      return { removed: await fingerprints.remove(accountOf(api.scope)) };
    },

    transferBalance: async ({ target, amountUsd, reviewedFor }) => {
      // Money moves only from the account the user reviewed it for.
      const api = await chutes.actingAs({ reviewedFor, what: `the transfer to ${target}` });
      await requireSeed(api.scope.hotkey);
      return api.account.balanceTransfer(target, amountUsd).catch((error: unknown) => {
        // Money may have moved: the screen must not offer the same transfer again as if nothing happened.
        if (outcomeUnknown(error))
          throw lostAnswer(error, `The transfer to ${target}`, api.transport.host, TRANSFER_HINT);
        // Servers before the transfer route answer 404 Not Found / 405 (the /users/{id} catch-all).
        if (
          error instanceof AppFailure &&
          (error.appError.detail?.status === 405 ||
            (error.appError.detail?.status === 404 && error.appError.detail.serverDetail === 'Not Found'))
        ) {
          throw new AppFailure(
            'not-found',
            `Chutes at ${api.transport.host} does not offer balance transfers yet.`,
            error.appError.detail,
            'transfer-not-offered',
          );
        }
        throw error;
      });
    },

    refundDeveloperDeposit: async ({ address, reviewedFor }) => {
      const api = await chutes.actingAs({ reviewedFor, what: 'the refund request' });
      await requireSeed(api.scope.hotkey);
      return api.account.returnDeveloperDeposit(address).catch((error: unknown) => {
        // An on-chain transfer may have been made: the screen must not offer the same request again as if not.
        if (outcomeUnknown(error))
          throw lostAnswer(error, `The refund request to ${address}`, api.transport.host, REFUND_HINT);
        if (
          error instanceof AppFailure &&
          (error.appError.detail?.status === 404 || error.appError.detail?.status === 405)
        ) {
          throw new AppFailure(
            'not-found',
            `Chutes at ${api.transport.host} no longer answers developer-deposit refunds.`,
            error.appError.detail,
            'refund-not-offered',
          );
        }
        if (failureIs(error, 'no-developer-deposit')) {
          throw new AppFailure(
            'invalid-input',
            'This account never paid a developer deposit, so there is nothing to refund. (The deposit was abolished on Oct 2, 2025.)',
            (error as AppFailure).appError.detail,
            'no-developer-deposit',
          );
        }
        throw error;
      });
    },
  };
}
