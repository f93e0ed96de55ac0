// Starlette's routing rules: first full match wins; a path match with the wrong method is a 405;
// with no match, the path with its trailing slash toggled is tried and answered with a 307.

import type { Ctx, Reply } from './context';

export type Handler = (ctx: Ctx) => Reply | Promise<Reply>;

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

export type Resolution =
  | { kind: 'route'; handler: Handler; params: Record<string, string> }
  | { kind: 'method'; allow: string }
  | { kind: 'redirect'; path: string }
  | { kind: 'none' };

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, segments: pattern.split('/'), handler });
    return this;
  }

  private static match(route: Route, parts: string[]): Record<string, string> | null {
    if (route.segments.length !== parts.length) return null;
    const params: Record<string, string> = {};
    for (let i = 0; i < parts.length; i++) {
      const seg = route.segments[i] ?? '';
      const part = parts[i] ?? '';
      if (seg.startsWith('{') && seg.endsWith('}')) {
        if (part === '') return null;
        params[seg.slice(1, -1)] = part;
      } else if (seg !== part) return null;
    }
    return params;
  }

  resolve(method: string, path: string): Resolution {
    const parts = path.split('/');
    let partial: Route | undefined;
    for (const route of this.routes) {
      const params = Router.match(route, parts);
      if (!params) continue;
      if (route.method === method) return { kind: 'route', handler: route.handler, params };
      partial ??= route;
    }
    if (partial) return { kind: 'method', allow: partial.method };
    if (path !== '/') {
      const toggled = path.endsWith('/') ? path.slice(0, -1) : `${path}/`;
      const tparts = toggled.split('/');
      if (this.routes.some((r) => Router.match(r, tparts))) return { kind: 'redirect', path: toggled };
    }
    return { kind: 'none' };
  }
}
