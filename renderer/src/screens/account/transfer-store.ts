import type { TransferResult } from '../../../../shared/account-screen';
import { moduleStore } from '../../lib/module-store';

/**
 * A balance transfer per profile, outside the screen: money may move after the user has left the
 * Account screen, and coming back must say so (not show an empty form that invites a second
 * transfer). The form's text is kept the same way. Nothing here is secret.
 */
export interface Reviewed {
  target: string;
  /** Undefined: the whole balance. */
  amountUsd?: number;
}

export type TransferAttempt =
  /** `before`: the balance shown when Send now was pressed and when the server said it, to compare with afterwards. */
  | { status: 'sending'; before: BalanceFigure }
  | { status: 'failed'; error: unknown; before: BalanceFigure }
  | { status: 'sent'; result: TransferResult; target: string };

export interface BalanceFigure {
  usd: number | null;
  /** ISO time the server gave it; null when unknown. */
  asOf: string | null;
}

export interface TransferState {
  target: string;
  amount: string;
  all: boolean;
  reviewed: Reviewed | null;
  attempt: TransferAttempt | null;
}

export const EMPTY_TRANSFER: TransferState = { target: '', amount: '', all: false, reviewed: null, attempt: null };

const store = moduleStore<ReadonlyMap<string, TransferState>>(new Map());

export const transferOf = (profileId: string): TransferState => store.get().get(profileId) ?? EMPTY_TRANSFER;

export function updateTransfer(profileId: string, patch: Partial<TransferState>): void {
  store.set(new Map(store.get()).set(profileId, { ...transferOf(profileId), ...patch }));
}

export function useTransfer(profileId: string): TransferState {
  return store.use().get(profileId) ?? EMPTY_TRANSFER;
}
