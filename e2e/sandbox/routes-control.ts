// /_sandbox/*: JSON control API for tests and demos. No auth, never subject to injected faults.

import { parseControl, schemas } from './control';
import type { SandboxControl } from './control';
import { ok, queryParam } from './context';
import type { Ctx, Reply } from './context';
import { HttpError } from './fastapi-errors';
import type { Router } from './router';

function jsonBody(ctx: Ctx): unknown {
  if (ctx.body.length === 0) return {};
  try {
    return JSON.parse(ctx.body.toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'Control API bodies must be JSON');
  }
}

export function addControlRoutes(r: Router, control: SandboxControl): void {
  const post = (path: string, fn: (ctx: Ctx) => unknown): void => {
    r.add('POST', path, (ctx): Reply => ok(fn(ctx)));
  };
  post('/_sandbox/reset', () => (control.reset(), { ok: true }));
  post('/_sandbox/coldkeys', (ctx) => {
    const v = parseControl(schemas.coldkey, jsonBody(ctx));
    return control.setColdkey(v.coldkey, v.free_tao);
  });
  post('/_sandbox/chutes', (ctx) => {
    const v = parseControl(schemas.chute, jsonBody(ctx));
    return control.addChute(v.user_id, v.name);
  });
  post('/_sandbox/chutes/remove', (ctx) =>
    control.removeChute(parseControl(schemas.removeChute, jsonBody(ctx)).chute_id),
  );
  post('/_sandbox/images', (ctx) => {
    const v = parseControl(schemas.image, jsonBody(ctx));
    return control.addImage(v.user_id, v.name, v.tag);
  });
  post('/_sandbox/balance', (ctx) => {
    const v = parseControl(schemas.balance, jsonBody(ctx));
    return control.setBalance(v.user_id, v.balance);
  });
  post('/_sandbox/legacy_deposit', (ctx) =>
    control.seedLegacyDeposit(parseControl(schemas.legacyDeposit, jsonBody(ctx))),
  );
  post('/_sandbox/usage', (ctx) => {
    const v = parseControl(schemas.usage, jsonBody(ctx));
    return control.addUsage(v.user_id, v.items);
  });
  post('/_sandbox/quotas', (ctx) => {
    const v = parseControl(schemas.quotas, jsonBody(ctx));
    return control.setQuotas(v.user_id, v.rows);
  });
  post('/_sandbox/roles', (ctx) => {
    const v = parseControl(schemas.roles, jsonBody(ctx));
    return control.setRoles(v.user_id, v.permissions_bitmask);
  });
  post('/_sandbox/subscription', (ctx) => {
    const v = parseControl(schemas.subscription, jsonBody(ctx));
    return control.setSubscription(v.user_id, v.usage);
  });
  post('/_sandbox/idp', (ctx) => control.setIdp(parseControl(schemas.idp, jsonBody(ctx)).enabled));
  post('/_sandbox/discounts', (ctx) => {
    const v = parseControl(schemas.discounts, jsonBody(ctx));
    return control.setDiscounts(v.user_id, v.items);
  });
  post('/_sandbox/link', (ctx) => control.setLink(parseControl(schemas.link, jsonBody(ctx))));
  post('/_sandbox/faults', (ctx) => control.setFaults(parseControl(schemas.faults, jsonBody(ctx))));
  post('/_sandbox/fault_once', (ctx) => control.faultOnce(parseControl(schemas.faultOnce, jsonBody(ctx))));
  post('/_sandbox/hold', (ctx) => control.hold(parseControl(schemas.hold, jsonBody(ctx))));
  post('/_sandbox/release', (ctx) => control.release(parseControl(schemas.release, jsonBody(ctx))));
  r.add('GET', '/_sandbox/held', () => ok({ items: control.held() }));
  post('/_sandbox/api_keys', (ctx) => control.seedApiKeys(parseControl(schemas.apiKeys, jsonBody(ctx))));
  post('/_sandbox/registration_token', (ctx) =>
    control.issueToken(parseControl(schemas.token, jsonBody(ctx)).ip ?? ctx.ip),
  );
  r.add('GET', '/_sandbox/requests', (ctx) => {
    const limit = Number(queryParam(ctx, 'limit') ?? '100');
    if (!Number.isInteger(limit) || limit < 0) throw new HttpError(422, 'limit: expected a non-negative integer');
    return ok({ items: control.requests(limit) });
  });
  r.add('GET', '/_sandbox/users', () => ok({ items: control.users() }));
}
