import { draftSlot } from '../../lib/drafts';
import type { ScopeRowModel } from './scope-rows';

/**
 * What was typed into a create-key form that the user left without creating or cancelling (another
 * screen, another profile, Back): it is there again when the form comes back. In the page's memory
 * only; names and scopes are not secret. Creating or Cancel drops it.
 */
export interface KeyDraft {
  name: string;
  admin: boolean;
  rows: ScopeRowModel[];
  tab: 'editor' | 'json';
  jsonText: string;
}

const drafts = draftSlot<KeyDraft>();

export const readDraft = (key: string | undefined): KeyDraft | undefined =>
  key === undefined ? undefined : drafts.read(key);

export function keepDraft(key: string | undefined, draft: KeyDraft): void {
  if (key !== undefined) drafts.keep(key, draft);
}

/** Drop the draft; with `sent`, only while it is still what was sent (not a newer form's typing). */
export function dropDraft(key: string | undefined, sent?: KeyDraft): void {
  if (key !== undefined) drafts.drop(key, sent);
}
