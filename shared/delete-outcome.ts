/** What happened to one item of a batch delete (API keys, secrets): already gone counts as done. */
export type DeleteOutcome = 'deleted' | 'already-gone' | 'failed';
