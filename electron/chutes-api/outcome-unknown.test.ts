import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/errors';
import { lostAnswerCause, outcomeUnknown } from './outcome-unknown';

const network = (kind: string, status?: number) =>
  new AppFailure('network', 'x', { network: kind as never, ...(status === undefined ? {} : { status }) });

describe('outcomeUnknown', () => {
  it('is unknown after sending, known when nothing could have arrived or it was refused', () => {
    for (const kind of ['timeout', 'reset', 'other']) expect(outcomeUnknown(network(kind))).toBe(true);
    for (const kind of ['dns', 'refused', 'tls']) expect(outcomeUnknown(network(kind))).toBe(false);
    // Something not Chutes answered: a success-looking answer may hide done work, a 4xx did not do it.
    expect(outcomeUnknown(network('non-json', 200))).toBe(true);
    expect(outcomeUnknown(network('non-json', 404))).toBe(false);
    expect(outcomeUnknown(new AppFailure('server', 'x', { status: 502 }))).toBe(true);
    expect(outcomeUnknown(new AppFailure('server', 'x', { status: 500 }))).toBe(false);
    // Cloudflare, in front of the API: its 520 and 524 came after the request reached the server, 521–523 before.
    for (const status of [520, 524]) expect(outcomeUnknown(new AppFailure('server', 'x', { status }))).toBe(true);
    for (const status of [521, 522, 523]) expect(outcomeUnknown(new AppFailure('server', 'x', { status }))).toBe(false);
    expect(outcomeUnknown(new AppFailure('conflict', 'x'))).toBe(false);
    // Chutes said yes in a shape the app cannot read: the work is most likely done.
    const unreadable = (status: number) => new AppFailure('server', 'x', { status }, 'unexpected-shape');
    expect(outcomeUnknown(unreadable(200))).toBe(true);
    expect(outcomeUnknown(unreadable(422))).toBe(false);
    expect(outcomeUnknown(new Error('bug'))).toBe(false);
  });

  it('says why in words that follow "…was sent to host, but"', () => {
    expect(lostAnswerCause(network('timeout'))).toBe('no answer came back (timed out)');
    expect(lostAnswerCause(network('reset'))).toBe('no answer came back (connection closed)');
    expect(lostAnswerCause(new AppFailure('server', 'x', { status: 504 }))).toBe(
      'a gateway answered for it (HTTP 504) instead of Chutes',
    );
    expect(lostAnswerCause(network('non-json', 200))).toBe('the answer was not from Chutes (HTTP 200)');
    expect(lostAnswerCause(new AppFailure('server', 'x', { status: 200 }, 'unexpected-shape'))).toBe(
      'its answer (HTTP 200) was not in a form the app can read',
    );
  });
});
