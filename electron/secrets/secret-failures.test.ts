import { describe, expect, it } from 'vitest';
import { httpFailure } from '../chutes-api/failure-map';

// The server's `../shared/reference/chutes-account-api.md` §6 error texts, verbatim, each become the reason the Secrets screen switches on.
const answer = { dateHeader: null, sentAtMs: 0, receivedAtMs: 0 };
const reasonOf = (status: number, detail: string) =>
  httpFailure({ status, detail, host: 'api.chutes.ai', answer }).appError.reason;

describe('secrets failure rows', () => {
  it.each([
    [409, 'A secret already exists for this purpose with this key.', 'secret-exists'],
    [404, 'Secret not found, or does not belong to you', 'secret-gone'],
    [404, 'Did not find target chute web-app, or it does not belong to you', 'chute-missing'],
    [403, 'Banned secret key: LD_PRELOAD', 'secret-key-banned'],
    [
      403,
      'Only HF_TOKEN/HUGGING_FACE_HUB_TOKEN secrets are allowed for integrated subnet chutes',
      'secret-key-subnet-only',
    ],
    [403, 'Some other refusal', 'forbidden'],
  ])('%i %s → %s', (status, detail, reason) => {
    expect(reasonOf(status, detail)).toBe(reason);
  });
});
