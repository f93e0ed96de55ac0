import { describe, expect, it } from 'vitest';
import type { CreateKeyRequest } from '../../shared/api-keys';
import type { ServerKey } from '../chutes-api/endpoints/api-keys';
import { madeByThisTry, measuredMargin, type ServerClock } from './lost-create';

const CHUTE = '11111111-1111-4111-8111-111111111111';
const SENT = Date.UTC(2026, 4, 1, 12, 0, 0);
/** The server's clock as measured: `skewSeconds` ahead of it, over a 200 ms round trip. */
const clock = (skewSeconds = 0): ServerClock => ({ skewSeconds, roundTripMs: 200 });
const MARGIN = measuredMargin(200);
const naive = (ms: number) => new Date(ms).toISOString().slice(0, 19);
const req: CreateKeyRequest = {
  name: 'prod',
  admin: false,
  scopes: [
    { object_type: 'chutes', object_id: null, action: 'invoke' },
    { object_type: 'chutes', object_id: CHUTE, action: null },
  ],
};
const key = (over: Partial<ServerKey> = {}): ServerKey => ({
  id: '22222222-2222-4222-8222-222222222222',
  userId: '33333333-3333-4333-8333-333333333333',
  name: 'prod',
  admin: false,
  createdAt: naive(SENT + 1000),
  // In another order than asked: the server keeps no order.
  scopes: [
    { scopeId: 'a', objectType: 'chutes', objectId: CHUTE },
    { scopeId: 'b', objectType: 'chutes', objectId: null },
  ],
  ...over,
});

describe('madeByThisTry: is the key listed under the name the one the lost create made?', () => {
  it('yes when its kind and scopes match and it was made after the send', () => {
    expect(madeByThisTry(key(), req, SENT, clock())).toEqual({ made: true });
    expect(
      madeByThisTry(key({ admin: true, scopes: [] }), { name: 'prod', admin: true, scopes: [] }, SENT, clock()),
    ).toEqual({ made: true });
  });

  it('no when it is another kind of key, or its scopes differ (the server echoes type and object)', () => {
    expect(madeByThisTry(key({ admin: true, scopes: [] }), req, SENT, clock())).toEqual({
      made: false,
      why: 'it is an admin key, and a scoped key was asked for',
    });
    expect(madeByThisTry(key(), { name: 'prod', admin: true, scopes: [] }, SENT, clock())).toMatchObject({
      made: false,
    });
    const fewer = key({ scopes: [{ scopeId: 'a', objectType: 'chutes', objectId: CHUTE }] });
    expect(madeByThisTry(fewer, req, SENT, clock())).toEqual({
      made: false,
      why: 'its scopes are not the ones asked for',
    });
  });

  it('no when it was made before the send, by the server’s clock moved onto ours', () => {
    const before = key({ createdAt: naive(SENT - MARGIN - 1000) });
    expect(madeByThisTry(before, req, SENT, clock())).toEqual({
      made: false,
      why: `it was made before this try was sent (Chutes dates it ${naive(SENT - MARGIN - 1000)}Z)`,
    });
    // The server's clock an hour behind ours: its "an hour ago" is now.
    const behind = key({ createdAt: naive(SENT - 3_600_000 + 1000) });
    expect(madeByThisTry(behind, req, SENT, clock(3600))).toEqual({ made: true });
    expect(madeByThisTry(behind, req, SENT, clock())).toMatchObject({ made: false });
    // The margin is the measurement's own error: a second of whole-second dates, half the round trip.
    expect(madeByThisTry(key({ createdAt: naive(SENT - MARGIN + 1000) }), req, SENT, clock())).toEqual({ made: true });
    expect(madeByThisTry(key({ createdAt: naive(SENT - MARGIN - 1000) }), req, SENT, clock())).toMatchObject({
      made: false,
    });
    expect(measuredMargin(4000)).toBe(measuredMargin(0) + 2000);
  });

  it('cannot tell, and says so, when the server’s clock was not read or the key’s date cannot be read', () => {
    // Neither claimed (a delete would be offered for it) nor blamed (a new key would be left with no secret).
    expect(madeByThisTry(key({ createdAt: naive(SENT - 60_000) }), req, SENT, undefined)).toEqual({
      made: 'unknown',
      why: "the server's clock could not be read to compare with its date",
    });
    expect(madeByThisTry(key({ createdAt: naive(SENT + 1000) }), req, SENT, undefined)).toMatchObject({
      made: 'unknown',
    });
    expect(madeByThisTry(key({ createdAt: 'yesterday' }), req, SENT, clock())).toEqual({
      made: 'unknown',
      why: 'Chutes dates it in a way the app cannot read (yesterday)',
    });
    // Another kind of key is told apart without any clock.
    expect(madeByThisTry(key({ admin: true, scopes: [] }), req, SENT, undefined)).toMatchObject({ made: false });
  });
});
