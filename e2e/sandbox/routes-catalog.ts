// GET /chutes/ and /images/: the caller's own chutes and images, enough for pickers (secrets need a
// chute). GET /chutes/{chute_id_or_name}: one chute the caller may see, its own or a public one.

import { currentUser } from './auth';
import { ok } from './context';
import type { Ctx, Reply } from './context';
import type { ValidationIssue } from './fastapi-errors';
import { HttpError } from './fastapi-errors';
import { failOnIssues, queryInt } from './inputs';
import type { Router } from './router';
import type { ChuteRow } from './state';
import { isoNaive, paginate, userChutes, userImages } from './views';

/** The user that owns the public chutes below (not an account anyone can sign in as). */
const CHUTES_USER = { user_id: 'dff3e6bb-3a6b-5a2b-9c48-da3abcd5ca5f', username: 'chutes' };
const PUBLIC_CREATED = Date.UTC(2025, 0, 15);

/**
 * Public chutes every server has (other users' chutes, answered by `GET /chutes/{id}` but never
 * listed by `GET /chutes/`): where most of an account's usage goes. Fixed, so e2e worlds can use
 * their ids in usage, quotas and discounts.
 */
export const PUBLIC_CHUTES: readonly ChuteRow[] = [
  { chute_id: '7f3e9c1a-5b2d-4e8f-9a6c-0d1e2f3a4b5c', name: 'chutesai/FLUX.1-schnell' },
  { chute_id: '154ad01c-a431-5744-83c8-651215124360', name: 'deepseek-ai/DeepSeek-V3-0324' },
  { chute_id: '0d7184a2-32a3-53e0-9607-058c37edaab5', name: 'unsloth/gemma-3-27b-it' },
].map((c) => ({ ...c, user_id: CHUTES_USER.user_id, created_at: PUBLIC_CREATED }));

function pageArgs(ctx: Ctx): { page: number; limit: number } {
  const issues: ValidationIssue[] = [];
  const page = queryInt(ctx, 'page', 0, issues) ?? 0;
  const limit = queryInt(ctx, 'limit', 25, issues) ?? 25;
  failOnIssues(issues);
  return { page, limit };
}

const slugOf = (username: string, name: string): string =>
  `${username}-${name}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-');

async function listChutes(ctx: Ctx): Promise<Reply> {
  const user = await currentUser(ctx, { purpose: 'chutes' });
  const { page, limit } = pageArgs(ctx);
  const items = userChutes(ctx.sb.state, user.user_id).map((c) => ({
    chute_id: c.chute_id,
    name: c.name,
    tagline: '',
    readme: '',
    public: false,
    slug: slugOf(user.username, c.name),
    user_id: c.user_id,
    created_at: isoNaive(c.created_at),
    updated_at: isoNaive(c.created_at),
  }));
  return ok({ ...paginate(ctx, items, page, limit), cord_refs: {} });
}

/**
 * `GET /chutes/{chute_id_or_name}` (ChuteResponse, in part): by id, or by the name of one of the
 * caller's own chutes; public chutes by id. (The server's parameter takes slashes,
 * `{chute_id_or_name:path}`, as public names have; this router matches one segment.)
 */
async function getChute(ctx: Ctx): Promise<Reply> {
  const user = await currentUser(ctx, { purpose: 'chutes' });
  const wanted = ctx.params.chute_id_or_name ?? '';
  const own = userChutes(ctx.sb.state, user.user_id).find((c) => c.chute_id === wanted || c.name === wanted);
  const pub = PUBLIC_CHUTES.find((c) => c.chute_id === wanted || c.name === wanted);
  const chute = own ?? pub;
  if (!chute) throw new HttpError(404, 'Chute not found, or does not belong to you');
  const owner = own ? { user_id: user.user_id, username: user.username } : CHUTES_USER;
  return ok({
    chute_id: chute.chute_id,
    name: chute.name,
    tagline: '',
    readme: '',
    public: !own,
    version: '1',
    tool_description: null,
    slug: slugOf(owner.username, chute.name),
    standard_template: null,
    cords: [],
    jobs: [],
    cord_ref_id: null,
    created_at: isoNaive(chute.created_at),
    updated_at: isoNaive(chute.created_at),
    user: { ...owner, logo_id: null },
    supported_gpus: [],
    node_selector: {},
    invocation_count: 0,
    current_estimated_price: null,
    instances: [],
    logo_id: null,
    openrouter: false,
    chutes_version: null,
    revision: null,
  });
}

async function listImages(ctx: Ctx): Promise<Reply> {
  const user = await currentUser(ctx, { purpose: 'images' });
  const { page, limit } = pageArgs(ctx);
  const items = userImages(ctx.sb.state, user.user_id).map((i) => ({
    image_id: i.image_id,
    name: i.name,
    tag: i.tag,
    public: false,
    status: 'built and pushed',
    user_id: i.user_id,
    created_at: isoNaive(i.created_at),
  }));
  return ok(paginate(ctx, items, page, limit));
}

export function addCatalogRoutes(r: Router): void {
  r.add('GET', '/chutes/', listChutes)
    .add('GET', '/chutes/{chute_id_or_name}', getChute)
    .add('GET', '/images/', listImages);
}
