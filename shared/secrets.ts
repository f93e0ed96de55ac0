/** Chute secrets (`../shared/reference/chutes-account-api.md` §6) as the app shows them: never a value. */
import type { DeleteOutcome } from './delete-outcome';

/** One of the account's own chutes, enough to pick one and to name a secret's purpose. */
export interface ChuteRef {
  chuteId: string;
  name: string;
}

export interface SecretItem {
  secretId: string;
  key: string;
  /** The chute the secret belongs to (the server stores the resolved chute id as `purpose`). */
  chuteId: string;
  createdAt: string;
}

export interface SecretsPage {
  items: SecretItem[];
  total: number;
  page: number;
  limit: number;
}

export interface CreatedSecret {
  secret: SecretItem;
  /** True when an existing secret with this chute + key was deleted first. */
  replaced: boolean;
}

export type { DeleteOutcome };

export interface DeleteResult {
  secretId: string;
  outcome: DeleteOutcome;
  /** Why it failed, when it did. */
  message?: string;
}

/** How one line of a .env file would fare. */
export type ImportStatus = 'new' | 'exists' | 'banned' | 'invalid';

export interface ImportRow {
  key: string;
  /** Length of the value only: the value itself stays in main. */
  valueLength: number;
  status: ImportStatus;
  /** Why a row is banned or invalid. */
  why?: string;
  /** The existing secret when `status` is `exists`. */
  existingId?: string;
  /** What the user should know before importing it (a `${NAME}` the file could not fill in). */
  notes?: string[];
  /**
   * The line looks like a bare secret (a base64 token whose `=` padding read as KEY=VALUE): the
   * key is shown masked and the row is not ticked for import.
   */
  bareSecret?: boolean;
}

export interface ImportPreview {
  /** Names the parsed values held in main until the import runs (or expires). */
  importId: string;
  chute: ChuteRef;
  rows: ImportRow[];
  /** 1-based numbers of lines that are neither KEY=VALUE, a comment nor blank (their text is not shown). */
  unreadLines: number[];
  /** Keys set on more than one line, with those lines: the last one is imported (as python-dotenv reads it). */
  duplicates: { key: string; lines: number[] }[];
}

export type ImportOutcome = 'created' | 'replaced' | 'skipped-exists' | 'failed' | 'not-attempted';

export interface ImportKeyResult {
  key: string;
  outcome: ImportOutcome;
  message?: string;
}

export interface ImportRun {
  results: ImportKeyResult[];
  /** True while some accepted keys were not created: running again retries only those. */
  incomplete: boolean;
}
