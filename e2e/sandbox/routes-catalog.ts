// GET /chutes/ and /images/: the caller's own chutes and images, enough for pickers (secrets need a chute).

import { currentUser } from './auth';
import { ok } from './context';
import type { Ctx, Reply } from './context';
import type { ValidationIssue } from './fastapi-errors';
import { failOnIssues, queryInt } from './inputs';
import type { Router } from './router';
import { isoNaive, paginate, userChutes, userImages } from './views';

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
  r.add('GET', '/chutes/', listChutes).add('GET', '/images/', listImages);
}
