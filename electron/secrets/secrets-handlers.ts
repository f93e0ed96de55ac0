import { AppFailure, type FailureReason } from '../../shared/errors';
import { secretValueProblem, type secretsContract } from '../../shared/contract/secrets';
import { decodeEnvBytes, envTextMessage, envTextProblem } from '../../shared/env-text';
import { secretKeyProblem, type SecretKeyProblem } from '../../shared/secret-keys';
import type {
  ChuteRef,
  DeleteResult,
  ImportKeyResult,
  ImportPreview,
  ImportRow,
  SecretItem,
} from '../../shared/secrets';
import type { AccountApi, ChutesClient } from '../chutes-api';
import { lostAnswerCause, outcomeUnknown } from '../chutes-api/outcome-unknown';
import { shownPath } from '../fs/fs-errors';
import { resolveUserPath } from '../fs/user-path';
import { readFileCapped } from '../fs/read-capped';
import type { SliceHandlers } from '../ipc-router';
import { itemFailureMessage } from '../log';
import { parseEnv, type ParsedEnv } from './env-file';
import type { Unresolved } from './env-interpolate';
import { createPendingImports, type PendingImport, type PendingImports } from './pending-imports';

export interface SecretsServices {
  chutes: ChutesClient;
  home: string;
}

/**
 * Pages of this size when main itself needs every secret (replace, import preview): the server
 * caps no limit (`../shared/reference/chutes-account-api.md` §7), so one request does for any
 * account up to 5,000 secrets (≈0.8 MB; under the 4 MiB answer cap even with 600-byte rows).
 * With 1,000 an account past that paid one more round trip per thousand before the preview.
 */
export const SCAN_LIMIT = 5000;
const MAX_ENV_FILE_BYTES = 256 * 1024;
/** Failures that concern one key: an import goes on with the next one after these. */
const PER_KEY_REASONS = new Set<FailureReason>([
  'secret-exists',
  'secret-key-banned',
  'secret-key-subnet-only',
  'secret-key-invalid',
  'invalid-input',
]);

const problemReason: Record<SecretKeyProblem['kind'], FailureReason> = {
  empty: 'secret-key-invalid',
  invalid: 'secret-key-invalid',
  banned: 'secret-key-banned',
  'subnet-only': 'secret-key-subnet-only',
};

function keyFailure(problem: SecretKeyProblem): AppFailure {
  return new AppFailure(
    'invalid-input',
    problem.message,
    { fields: [{ path: 'key', message: problem.message }] },
    problemReason[problem.kind],
  );
}

/** 200 pages: a million secrets at our page size, or 200 pages of one from a server that caps `limit`. */
export const MAX_SECRET_PAGES = 200;

export async function allSecrets(api: Pick<AccountApi, 'secrets'>): Promise<SecretItem[]> {
  const out: SecretItem[] = [];
  for (let page = 0; page < MAX_SECRET_PAGES; page++) {
    const answer = await api.secrets.listPage(page, SCAN_LIMIT);
    // Not push(...items): a page of 100,000 tiny items (within the body cap) overflows the stack.
    for (const item of answer.items) out.push(item);
    // Paged by the server's `total`, not by a short page: a server that caps `limit` lower
    // answers short pages with more to come.
    if (answer.items.length === 0 || out.length >= answer.total) return out;
  }
  // A server whose `total` never comes within reach would be asked forever.
  throw new AppFailure(
    'server',
    `The server listed ${out.length} secrets over ${MAX_SECRET_PAGES} pages and still said there were more, so the list was not read to its end.`,
    { hint: 'Try again later; if it repeats, the server is answering wrongly.' },
  );
}

async function ownChute(api: AccountApi, chuteId: string): Promise<ChuteRef> {
  const chute = (await api.secrets.chutes()).find((c) => c.chuteId === chuteId);
  if (!chute) {
    throw new AppFailure(
      'not-found',
      'That chute is not among your chutes any more.',
      { hint: 'Refresh the list (the list of chutes is read again) and pick a chute that exists.' },
      'chute-missing',
    );
  }
  return chute;
}

/** Delete, counting "not there" as done: that is the state the user asked for. */
async function deleteIfThere(api: AccountApi, secretId: string): Promise<'deleted' | 'already-gone'> {
  try {
    await api.secrets.delete(secretId);
    return 'deleted';
  } catch (error) {
    if (error instanceof AppFailure && error.appError.reason === 'secret-gone') return 'already-gone';
    throw error;
  }
}

/** A name as the note shows it: an odd one (it may be a pasted secret) is not repeated. */
const shownName = (name: string): string => (/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name) ? name : '…');

/** python-dotenv would look the name up in the environment of the machine loading the file; this app cannot. */
function unresolvedNote({ name, defaulted }: Unresolved): string {
  const n = shownName(name);
  return defaulted
    ? `\${${n}:-…} names a key not set earlier in this file: its default was used (Python’s dotenv would use ${n} from the environment of the machine loading the file, if set there).`
    : `\${${n}} names a key not set earlier in this file, so it was left as written (Python’s dotenv would fill it in from the environment of the machine loading the file, or leave it empty).`;
}

const BARE_SECRET_NOTE =
  'This line looks like a bare secret (a base64 token whose = padding reads as KEY=VALUE), not a KEY=VALUE line: its key is not shown and it is not ticked.';

const messageOf = (error: unknown): string => itemFailureMessage(error, "a secret's step");
const profileKeyOf = (api: AccountApi): string => `${api.scope.baseUrl}\n${api.scope.hotkey}`;

export function secretsHandlers(
  { chutes, home }: SecretsServices,
  pending: PendingImports = createPendingImports(),
): SliceHandlers<typeof secretsContract> {
  const active = () => chutes.actingAs('active');

  /** Create, or with `replace` delete the same chute + key first (the id stays the same, `../shared/reference/chutes-account-api.md` §6.1). */
  async function createOne(
    api: AccountApi,
    chute: ChuteRef,
    key: string,
    value: string,
    replace: boolean,
    known?: SecretItem[],
  ) {
    const problem = secretKeyProblem(key, chute.name);
    if (problem) throw keyFailure(problem);
    // The contract checks a typed value; an imported one comes from a file and is checked here.
    const valueProblem = secretValueProblem(value);
    if (valueProblem)
      throw new AppFailure('invalid-input', valueProblem, { fields: [{ path: 'value', message: valueProblem }] });
    let replaced = false;
    if (replace) {
      const existing = (known ?? (await allSecrets(api))).find((s) => s.chuteId === chute.chuteId && s.key === key);
      if (existing) replaced = (await deleteIfThere(api, existing.secretId)) === 'deleted';
    }
    try {
      const secret = await api.secrets.create({ chuteId: chute.chuteId, key, value });
      return { secret, replaced };
    } catch (error) {
      // A gateway's 502/504, a lost or unreadable answer: it may be there. Never "not created".
      if (outcomeUnknown(error))
        throw new AppFailure(
          'network',
          `${replaced ? `The old ${key} was deleted and the new one sent` : `${key} was sent`} to ${api.transport.host}, but ${lostAnswerCause(error)}, so whether it was created is not known.`,
          { hint: 'Refresh the list to see whether it is there before creating it again.' },
          'answer-lost',
        );
      // The old value is already gone: say so, or the user believes the chute still has one.
      if (!replaced || !(error instanceof AppFailure)) throw error;
      const { code, message, detail, reason } = error.appError;
      throw new AppFailure(
        code,
        `The old ${key} was deleted, but the new one was not created. ${message}`,
        { ...detail, hint: 'Try again to create it.' },
        reason,
      );
    }
  }

  function previewRows(chute: ChuteRef, entries: ParsedEnv['entries'], all: SecretItem[]): ImportRow[] {
    const existing = new Map(all.filter((s) => s.chuteId === chute.chuteId).map((s) => [s.key, s.secretId]));
    return entries.map((entry): ImportRow => {
      const row = rowOf(entry);
      const notes = (entry.unresolved ?? []).map(unresolvedNote);
      // `dGhpcyBpcyBhIHNlY3JldA==` alone on a line reads as KEY=`=`: a token pasted without its name.
      const bare = /^=+$/.test(entry.value);
      if (bare) notes.unshift(BARE_SECRET_NOTE);
      return { ...row, ...(notes.length ? { notes } : {}), ...(bare ? { bareSecret: true } : {}) };
    });
    function rowOf({ key, value }: { key: string; value: string }): ImportRow {
      const problem = secretKeyProblem(key, chute.name);
      if (problem)
        return {
          key,
          valueLength: value.length,
          status: problem.kind === 'banned' || problem.kind === 'subnet-only' ? 'banned' : 'invalid',
          why: problem.message,
        };
      const valueProblem = secretValueProblem(value);
      if (valueProblem) return { key, valueLength: value.length, status: 'invalid', why: valueProblem };
      const existingId = existing.get(key);
      return existingId
        ? { key, valueLength: value.length, status: 'exists', existingId }
        : { key, valueLength: value.length, status: 'new' };
    }
  }

  return {
    listChutes: async () => (await active()).secrets.chutes(),
    listSecretsPage: async ({ page, limit }) => (await active()).secrets.listPage(page, limit),
    createSecret: async ({ chuteId, key, value, replace, reviewedFor }) => {
      const api = await chutes.actingAs({ reviewedFor, what: `the secret ${key}` });
      return createOne(api, await ownChute(api, chuteId), key, value, replace);
    },
    deleteSecrets: async ({ secretIds, reviewedFor }) => {
      const api = await chutes.actingAs({
        reviewedFor,
        what: `the deletion of ${secretIds.length} secret${secretIds.length === 1 ? '' : 's'}`,
      });
      const results: DeleteResult[] = [];
      for (const secretId of new Set(secretIds)) {
        try {
          results.push({ secretId, outcome: await deleteIfThere(api, secretId) });
        } catch (error) {
          results.push({ secretId, outcome: 'failed', message: messageOf(error) });
        }
      }
      return results;
    },
    previewSecretImport: async ({ chuteId, source }) => {
      const api = await active();
      // The two reads are independent; the preview needs both.
      const secretsRead = allSecrets(api);
      secretsRead.catch(() => undefined); // awaited below unless the chute lookup fails first
      const chute = await ownChute(api, chuteId);
      let text: string;
      if (source.kind === 'path') {
        const filePath = resolveUserPath(source.path, home);
        const file = await readFileCapped(filePath, MAX_ENV_FILE_BYTES, { what: '.env files' });
        const decoded = decodeEnvBytes(file.bytes);
        file.bytes.fill(0);
        if (!decoded.ok)
          throw new AppFailure('invalid-input', envTextMessage(shownPath(filePath), decoded.problem, decoded.line));
        text = decoded.text;
      } else {
        // A dropped file is decoded (and checked) by the page; this is what pasting can bring.
        const problem = envTextProblem(source.text);
        if (problem)
          throw new AppFailure('invalid-input', envTextMessage('The pasted text', problem.problem, problem.line));
        text = source.text;
      }
      const { entries, unreadLines, duplicates } = parseEnv(text);
      if (entries.length === 0 && unreadLines.length === 0) {
        throw new AppFailure(
          'invalid-input',
          'No KEY=VALUE lines found. A .env file has one KEY=VALUE per line.',
          undefined,
          'env-empty',
        );
      }
      const rows = previewRows(chute, entries, await secretsRead);
      const importId = pending.add({
        chute,
        profileKey: profileKeyOf(api),
        values: new Map(entries.map((e) => [e.key, e.value])),
      });
      const preview: ImportPreview = { importId, chute, rows, unreadLines, duplicates };
      return preview;
    },
    runSecretImport: async ({ importId, accept, reviewedFor }) => {
      const api = await chutes.actingAs({ reviewedFor, what: 'the .env import' });
      const job = pending.get(importId, profileKeyOf(api));
      // Two runs of one preview at once would both send the keys neither has marked done yet.
      if (job.running) throw new AppFailure('conflict', 'This import is already running; wait for its report.');
      job.running = true;
      let incomplete = true;
      try {
        const results = await importKeys(api, job, accept);
        incomplete = results.some((r) => r.outcome === 'failed' || r.outcome === 'not-attempted');
        return { results, incomplete };
      } finally {
        job.running = false;
        if (!incomplete || job.dropWhenDone) pending.drop(importId);
      }
    },
    discardSecretImport: ({ importId }) => Promise.resolve({ discarded: pending.drop(importId) }),
  };

  async function importKeys(
    api: AccountApi,
    job: PendingImport,
    accept: { key: string; replace: boolean }[],
  ): Promise<ImportKeyResult[]> {
    const known = accept.some((a) => a.replace) ? await allSecrets(api) : undefined;
    const results: ImportKeyResult[] = [];
    let stopped: string | null = null;
    for (const { key, replace } of accept) {
      const value = job.values.get(key);
      if (job.done.has(key)) {
        results.push({ key, outcome: 'created', message: 'Created by the earlier run; not sent again.' });
      } else if (value === undefined) {
        results.push({ key, outcome: 'failed', message: 'This key is not in the file that was read.' });
      } else if (stopped !== null) {
        results.push({ key, outcome: 'not-attempted', message: stopped });
      } else {
        try {
          const { replaced } = await createOne(api, job.chute, key, value, replace, known);
          job.done.add(key);
          results.push({ key, outcome: replaced ? 'replaced' : 'created' });
        } catch (error) {
          const reason = error instanceof AppFailure ? error.appError.reason : null;
          if (reason === 'secret-exists' && job.lost.has(key)) {
            // The earlier attempt's create did arrive: it is ours, not one that was there before.
            job.done.add(key);
            results.push({
              key,
              outcome: 'created',
              message: 'Created by the earlier attempt, whose answer was lost; not sent again.',
            });
          } else if (reason === 'secret-exists') {
            results.push({ key, outcome: 'skipped-exists', message: 'Already exists; left as it was.' });
          } else {
            if (reason === 'answer-lost') job.lost.add(key);
            results.push({ key, outcome: 'failed', message: messageOf(error) });
            if (!(reason && PER_KEY_REASONS.has(reason))) stopped = 'The import stopped at the failure above.';
          }
        }
      }
    }
    return results;
  }
}
