import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../shared/errors';
import type { ApiRequest } from '../types';
import type { Transport } from '../transport';
import { createChuteNameLookup, MAX_CHUTE_NAME_IDS } from './chute-names';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A server where each chute id answers as `answer` says; counts what was asked and how many at once. */
/** A name, a 404, or a failure (`null`). */
function fakeTransport(answer: (chuteId: string) => string | 404 | null, baseUrl = 'https://api.example') {
  const asked: string[] = [];
  const auths: unknown[] = [];
  let running = 0;
  let most = 0;
  const transport = {
    baseUrl,
    host: new URL(baseUrl).host,
    request: async (req: ApiRequest) => {
      const chuteId = decodeURIComponent(req.path.replace(/^\/chutes\//, ''));
      asked.push(chuteId);
      auths.push(req.auth);
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 2));
      running--;
      const a = answer(chuteId);
      if (a === 404) throw new AppFailure('not-found', 'Chute not found, or does not belong to you', { status: 404 });
      if (a === null) throw new AppFailure('server', 'Chutes did not answer', { status: 503 });
      return req.schema ? req.schema.parse({ chute_id: chuteId, name: a, public: true }) : undefined;
    },
  } as unknown as Transport;
  return { transport, asked, auths, most: () => most };
}

describe('chute names', () => {
  it('reads ids four at a time with a chutes-purpose signature, at most 50 per call, each once', async () => {
    const f = fakeTransport((c) => `name-${c.slice(-2)}`);
    const ids = Array.from({ length: 60 }, (_, i) => id(i));
    const names = await createChuteNameLookup().names(f.transport, '5hot', [...ids, id(0)]);
    expect(Object.keys(names)).toHaveLength(MAX_CHUTE_NAME_IDS);
    expect(names[id(7)]).toBe('name-07');
    expect(f.asked).toHaveLength(MAX_CHUTE_NAME_IDS);
    expect(f.most()).toBe(4);
    expect(f.auths[0]).toEqual({ kind: 'jwt', hotkey: '5hot', v1: { purpose: 'chutes' } });
  });

  it('keeps answers and 404s per server and account; a failed read costs only that name and is asked again', async () => {
    let failing = true;
    const f = fakeTransport((c) => (c === id(2) ? 404 : c === id(3) && failing ? null : `n${c.slice(-1)}`));
    const lookup = createChuteNameLookup();
    const ids = [id(1), id(2), id(3)];
    expect(await lookup.names(f.transport, '5hot', ids)).toEqual({ [id(1)]: 'n1' });
    failing = false;
    expect(await lookup.names(f.transport, '5hot', ids)).toEqual({ [id(1)]: 'n1', [id(3)]: 'n3' });
    // The name and the 404 were kept; only the failed one was asked again.
    expect(f.asked).toEqual([id(1), id(2), id(3), id(3)]);
    // Another account (or server) may see what this one cannot: asked afresh.
    await lookup.names(f.transport, '5other', [id(2)]);
    const g = fakeTransport(() => 'elsewhere', 'https://other.example');
    expect(await lookup.names(g.transport, '5hot', [id(1)])).toEqual({ [id(1)]: 'elsewhere' });
    expect(f.asked).toEqual([id(1), id(2), id(3), id(3), id(2)]);
  });

  it('shares a read under way between calls', async () => {
    const f = fakeTransport(() => 'x');
    const lookup = createChuteNameLookup();
    const [a, b] = await Promise.all([
      lookup.names(f.transport, '5hot', [id(1)]),
      lookup.names(f.transport, '5hot', [id(1)]),
    ]);
    expect(a).toEqual({ [id(1)]: 'x' });
    expect(b).toEqual({ [id(1)]: 'x' });
    expect(f.asked).toEqual([id(1)]);
  });
});
