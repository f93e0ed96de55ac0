import { z } from 'zod';
import type { ScopeTarget } from '../../../shared/api-keys';
import type { Transport } from '../transport';

/**
 * The account's own chutes and images (`GET /chutes/`, `GET /images/`, purposes `chutes`/`images`,
 * `../shared/reference/chutes-account-api.md` §1.2, §7), so scopes can be chosen by name and sent as UUIDs.
 */
const chutesSchema = z.object({
  total: z.number().int(),
  items: z.array(z.object({ chute_id: z.string(), name: z.string() })),
});
const imagesSchema = z.object({
  total: z.number().int(),
  items: z.array(z.object({ image_id: z.string(), name: z.string(), tag: z.string().nullish() })),
});
const PAGE = 500;
const MAX_PAGES = 20;

async function allPages<T>(fetchPage: (page: number) => Promise<{ total: number; items: T[] }>): Promise<T[]> {
  const out: T[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await fetchPage(page);
    // Not push(...items): a page of 130,000 tiny items (within the body cap) overflows the stack.
    for (const item of res.items) out.push(item);
    if (res.items.length < PAGE || out.length >= res.total) break;
  }
  return out;
}

export async function listOwnChutes(transport: Transport, hotkey: string): Promise<ScopeTarget[]> {
  const items = await allPages((page) =>
    transport.request({
      method: 'GET',
      path: '/chutes/',
      query: { page, limit: PAGE },
      auth: { kind: 'jwt', hotkey, v1: { purpose: 'chutes' } },
      schema: chutesSchema,
    }),
  );
  return items.map((c) => ({ id: c.chute_id, name: c.name }));
}

export async function listOwnImages(transport: Transport, hotkey: string): Promise<ScopeTarget[]> {
  const items = await allPages((page) =>
    transport.request({
      method: 'GET',
      path: '/images/',
      query: { page, limit: PAGE },
      auth: { kind: 'jwt', hotkey, v1: { purpose: 'images' } },
      schema: imagesSchema,
    }),
  );
  return items.map((i) => ({ id: i.image_id, name: i.tag ? `${i.name}:${i.tag}` : i.name }));
}
