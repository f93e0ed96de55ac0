import { describe, expect, it } from 'vitest';
import { jwtWorld } from '../fixtures/jwt-world.test-helper';
import { deleteSecret } from './secrets';

const SECRET = '3f2b8c1e-5d4a-4e6f-9a7b-0c1d2e3f4a5b';

describe('secret endpoints on the wire', () => {
  it('delete: a 200 naming another secret is not this one deleted', async () => {
    let named = '00000000-0000-4000-8000-000000000000';
    const w = await jwtWorld(() => ({ json: { status: 'Successfully deleted secret', secret_id: named } }));
    try {
      await expect(deleteSecret(w.transport, w.hotkey, SECRET)).rejects.toMatchObject({
        appError: { reason: 'unexpected-shape' },
      });
      named = SECRET;
      await expect(deleteSecret(w.transport, w.hotkey, SECRET)).resolves.toEqual({ secretId: SECRET });
    } finally {
      await w.fake.close();
    }
  });
});
