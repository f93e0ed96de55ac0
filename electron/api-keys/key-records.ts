import path from 'node:path';
import { z } from 'zod';
import { AppFailure } from '../../shared/errors';
import {
  rotationOf,
  scopeRequest,
  type LocalKeyRecord,
  type RotationOf,
  type ScopeRequest,
} from '../../shared/api-keys';
import { rename } from 'node:fs/promises';
import { asidePath } from '../fs/aside-path';
import { writeFileAtomic } from '../fs/atomic-write';
import { errnoCode } from '../fs/errno';
import { withFsErrors } from '../fs/fs-errors';
import { readFileCapped } from '../fs/read-capped';
import { describeError, log } from '../log';
import { lockPathFor, withFileLock } from '../concurrency/file-lock';
import { createStatCache } from '../fs/stat-cache';

/**
 * What this app asked for when it created a key — the server never echoes a scope's action
 * (`../shared/reference/chutes-account-api.md` §5.1). Non-secret by construction: the record is
 * rebuilt field by field from the request, and the secret is never handed to this module.
 */
export const KEY_RECORDS_FILE = 'api-key-records.json';
const MAX_BYTES = 8 * 1024 * 1024;

const recordSchema = z.object({
  keyId: z.string(),
  baseUrl: z.string(),
  name: z.string(),
  admin: z.boolean(),
  requestedScopes: z.array(scopeRequest),
  createdLocallyAt: z.string(),
  // Written since rotations outlive a reload; a record from before has none.
  replaces: rotationOf.nullable().default(null),
});
// Entries are checked one by one (`readable`), so one this version cannot read costs only itself.
const fileSchema = z.object({ version: z.literal(1), records: z.array(z.unknown()) });
type StoredRecord = z.infer<typeof recordSchema>;

export interface KeyRecords {
  /** Records of one server, by key id. */
  forServer(baseUrl: string): Promise<Map<string, LocalKeyRecord>>;
  add(
    baseUrl: string,
    key: { keyId: string; name: string; admin: boolean; requestedScopes: ScopeRequest[]; replaces?: RotationOf },
  ): Promise<void>;
  remove(baseUrl: string, keyIds: readonly string[]): Promise<void>;
}

/**
 * The desktop window and the web host share the file: every change is a read-modify-write under
 * the data folder's lock file for it, from what is on disk then; reads are reused only while the
 * file's stat is unchanged, so each process sees the other's keys.
 */
export function createKeyRecords(dataDir: string, now: () => Date = () => new Date()): KeyRecords {
  const file = path.join(dataDir, KEY_RECORDS_FILE);
  const lock = lockPathFor(dataDir, KEY_RECORDS_FILE);
  const locked = (job: () => Promise<void>) => withFileLock(lock, job, { what: 'the records of API keys made here' });

  /**
   * The entries as stored, each left as it is (one this version cannot read, or fields it does not
   * know, are written back unchanged). `forWrite`: a file that could not be read (a disk error, no
   * permission) or that a newer app wrote is not replaced by one holding only this change — the
   * change fails instead (its caller logs that and goes on). A file that is not JSON of this shape
   * reads as empty; the next change moves it aside (never overwrites it) and starts afresh — only
   * the "requested actions" hints are at stake (the keys live on the server).
   */
  async function readStored(forWrite = false): Promise<unknown[]> {
    let text: string;
    try {
      text = (await readFileCapped(file, MAX_BYTES, { what: 'key records' })).bytes.toString('utf8');
    } catch (error) {
      if (errnoCode(error) === 'ENOENT' || isMissing(error)) return [];
      if (forWrite) throw error;
      log.warn(`could not read ${KEY_RECORDS_FILE}: ${describeError(error)}`);
      return [];
    }
    let json: unknown;
    try {
      json = JSON.parse(text) as unknown;
    } catch {
      json = undefined;
    }
    const parsed = fileSchema.safeParse(json);
    if (parsed.success) return parsed.data.records;
    const version = (json as { version?: unknown } | undefined)?.version;
    if (forWrite && typeof version === 'number' && version > 1)
      throw new AppFailure(
        'conflict',
        `${file} was written by a newer version of the app, so it was left as it is.`,
        undefined,
        'newer-data-format',
      );
    if (!forWrite) {
      log.warn(`${KEY_RECORDS_FILE} is not in the expected shape; read as empty`);
      return [];
    }
    const aside = asidePath(file, now());
    await withFsErrors(file, 'write', () => rename(file, aside));
    log.warn(`${KEY_RECORDS_FILE} is not in the expected shape; moved to ${aside}, starting afresh`);
    return [];
  }
  const readable = (stored: unknown[]): StoredRecord[] =>
    stored.flatMap((entry) => {
      const record = recordSchema.safeParse(entry);
      return record.success ? [record.data] : [];
    });
  // The entries as stored: `remove` must see one this version cannot read as well.
  const current = createStatCache(file, () => readStored());

  async function save(records: unknown[]): Promise<void> {
    await withFsErrors(file, 'write', () => writeFileAtomic(file, JSON.stringify({ version: 1, records })));
  }

  const toLocal = ({ baseUrl: _b, ...rest }: StoredRecord): LocalKeyRecord => rest;

  return {
    async forServer(baseUrl) {
      const records = readable(await current.read());
      return new Map(records.filter((r) => r.baseUrl === baseUrl).map((r) => [r.keyId, toLocal(r)]));
    },
    add: (baseUrl, key) =>
      locked(async () => {
        const stored = await readStored(true);
        const record: StoredRecord = {
          keyId: key.keyId,
          baseUrl,
          name: key.name,
          admin: key.admin,
          requestedScopes: key.requestedScopes.map((s) => ({
            object_type: s.object_type,
            object_id: s.object_id,
            action: s.action,
          })),
          createdLocallyAt: now().toISOString(),
          replaces: key.replaces ? { id: key.replaces.id, name: key.replaces.name } : null,
        };
        await save([...stored.filter((entry) => fieldOf(entry, 'keyId') !== key.keyId), record]);
      }),
    remove: async (baseUrl, keyIds) => {
      const gone = new Set(keyIds);
      const mine = (entry: unknown) => {
        const keyId = fieldOf(entry, 'keyId');
        return fieldOf(entry, 'baseUrl') === baseUrl && typeof keyId === 'string' && gone.has(keyId);
      };
      // Keys this app never recorded (made elsewhere): nothing to change, so no lock to take.
      if (!(await current.read()).some(mine)) return;
      await locked(async () => {
        const stored = await readStored(true);
        const kept = stored.filter((entry) => !mine(entry));
        if (kept.length !== stored.length) await save(kept);
      });
    },
  };
}

const fieldOf = (entry: unknown, name: string): unknown =>
  typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>)[name] : undefined;

function isMissing(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'appError' in error &&
    (error as { appError: { code?: string } }).appError.code === 'not-found'
  );
}
