import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import { queryKeyFor, useActiveProfileId } from '../../api/hooks';
import { callForProfile } from '../../api/profile-switch';

/** What `chuteNames` takes: only ids go to the server, never `*` or odd text from an answer. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PER_CALL = 50;

/**
 * The account's own chute names (`owned`), with the names of the other chutes among `ids` asked of
 * main (public or shared chutes, where most usage is): usage, quotas and discounts name chutes by
 * id only. An id without a name (private to another account, or not read) stays out: its short id
 * is shown.
 */
export function useChuteNamesFor(
  ids: Iterable<string | null>,
  owned: ReadonlyMap<string, string>,
  enabled: boolean,
): ReadonlyMap<string, string> {
  const profileId = useActiveProfileId();
  const wanted = new Set<string>();
  for (const id of ids) if (id !== null && UUID.test(id) && !owned.has(id)) wanted.add(id);
  // Sorted, so the same chutes are the same query whatever order the answer had them in.
  const sorted = [...wanted].sort();
  const chunks: string[][] = [];
  for (let i = 0; i < sorted.length; i += PER_CALL) chunks.push(sorted.slice(i, i + PER_CALL));
  const answers = useQueries({
    queries: chunks.map((chunk) => ({
      queryKey: queryKeyFor('chuteNames', { ids: chunk }, profileId),
      queryFn: () => callForProfile(profileId, 'chuteNames', { ids: chunk }),
      enabled,
      // Names seldom change, and main keeps them for the session anyway.
      staleTime: 10 * 60_000,
    })),
    combine: (results) => results.map((r) => r.data),
  });
  // A new array each render: its text says when an answer changed (a few KB at most).
  const key = JSON.stringify(answers);
  return useMemo(() => {
    if (answers.every((a) => a === undefined || Object.keys(a).length === 0)) return owned;
    const merged = new Map<string, string>();
    for (const answer of answers) for (const [id, name] of Object.entries(answer ?? {})) merged.set(id, name);
    // The account's own list wins: it is what the rest of the app names them by.
    for (const [id, name] of owned) merged.set(id, name);
    return merged;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for `answers`
  }, [owned, key]);
}
