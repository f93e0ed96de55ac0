// Test-only: an API server that lies. It forwards every request to a real sandbox and then spoils
// one chosen answer (the `at`-th request after `plan` is set) the way a hostile or broken server
// could: a value of another type, a missing field, a lying status, a body that is not JSON.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const MUTATIONS = [
  'leaf',
  'drop',
  'whole',
  'status',
  'html',
  'truncate',
  'duplicate',
  'empty',
  'deep-detail',
] as const;
export type Mutation = (typeof MUTATIONS)[number];

export interface Plan {
  /** Which request (0 = the first after the plan is set) is spoiled; -1 = every one. */
  at: number;
  mutation: Mutation;
  /** Picks the node, key or status. */
  pick: number;
  /** Picks the junk value. */
  junk: number;
}

/** JSON values a server could send where something else belongs; `__proto__` as an own key too. */
export const JUNK: unknown[] = [
  null,
  0,
  -1,
  -0.000001,
  1e308,
  -1e308,
  2 ** 53 + 1,
  '',
  ' ',
  'x'.repeat(10_000),
  '\u202egnp.exe',
  '<img src=x onerror=alert(1)>',
  'NaN',
  'Infinity',
  '2026-13-45T99:99:99',
  '9999-12-31T23:59:59.999999',
  '0000-00-00',
  '00000000-0000-0000-0000-000000000000',
  true,
  false,
  [],
  {},
  [null],
  JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}'),
];
const STATUSES = [200, 201, 202, 204, 301, 302, 400, 401, 403, 404, 409, 418, 422, 429, 451, 500, 503];
/** A `detail` nested 5,000 deep (about 30 KB), as text: building it as a value would need the recursion it tests. */
const DEEP = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;

type Path = Array<string | number>;

function nodes(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => nodes(v, [...at, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) nodes(v, [...at, k], out);
  return out;
}

function setAt(root: unknown, at: Path, value: unknown): unknown {
  if (at.length === 0) return value;
  let parent = root as Record<string | number, unknown>;
  for (const step of at.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  Object.defineProperty(parent, at[at.length - 1]!, { value, enumerable: true, writable: true, configurable: true });
  return root;
}

export interface Spoiled {
  status: number;
  body: string;
  contentType: string;
}

/** The answer `plan` makes of a real one. */
export function spoil(status: number, text: string, plan: Plan): Spoiled {
  const json = 'application/json';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { status, body: text, contentType: json };
  }
  const junk = JUNK[plan.junk % JUNK.length];
  const all = nodes(value);
  switch (plan.mutation) {
    case 'leaf': {
      const target = all[plan.pick % all.length]!;
      return { status, body: JSON.stringify(setAt(value, target, junk)), contentType: json };
    }
    case 'drop': {
      const keyed = all.filter((p) => typeof p[p.length - 1] === 'string');
      const target = keyed[plan.pick % Math.max(1, keyed.length)];
      if (target) {
        let parent = value as Record<string, unknown>;
        for (const step of target.slice(0, -1)) parent = parent[step] as Record<string, unknown>;
        delete parent[target[target.length - 1] as string];
      }
      return { status, body: JSON.stringify(value), contentType: json };
    }
    case 'whole':
      return { status, body: JSON.stringify(junk), contentType: json };
    case 'status':
      return { status: STATUSES[plan.pick % STATUSES.length]!, body: text, contentType: json };
    case 'html':
      return { status, body: '<html><body>Bad gateway</body></html>', contentType: 'text/html' };
    case 'truncate':
      return { status, body: text.slice(0, Math.floor(text.length / 2)), contentType: json };
    case 'duplicate': {
      const lists = all.filter((p) => {
        let v: unknown = value;
        for (const step of p) v = (v as Record<string | number, unknown>)[step];
        return Array.isArray(v) && v.length > 0;
      });
      const target = lists[plan.pick % Math.max(1, lists.length)];
      if (!target) return { status, body: JSON.stringify(value), contentType: json };
      let list: unknown = value;
      for (const step of target) list = (list as Record<string | number, unknown>)[step];
      const items = list as unknown[];
      return { status, body: JSON.stringify(setAt(value, target, [...items, ...items])), contentType: json };
    }
    case 'empty':
      return { status, body: '', contentType: json };
    case 'deep-detail':
      return { status: [400, 404, 409, 422, 500, 502][plan.pick % 6]!, body: `{"detail":${DEEP}}`, contentType: json };
  }
}

export interface HostileProxy {
  url: string;
  /** Spoil the `plan.at`-th request from now on (counting from 0); null = tell the truth. */
  setPlan(plan: Plan | null): void;
  /** What the last spoiled request was, for a failure's message. */
  lastSpoiled(): string;
  close(): Promise<void>;
}

export async function startHostileProxy(upstream: string): Promise<HostileProxy> {
  let plan: Plan | null = null;
  let seen = 0;
  let last = '(nothing spoiled)';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length'].includes(k)),
      ) as Record<string, string>;
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      void fetch(`${upstream}${req.url ?? '/'}`, { method: req.method, headers, body, redirect: 'manual' })
        .then(async (up) => {
          const text = await up.text();
          const index = seen++;
          let answer: Spoiled = { status: up.status, body: text, contentType: 'application/json' };
          if (plan && (plan.at === -1 || index === plan.at)) {
            answer = spoil(up.status, text, plan);
            last = `${req.method} ${req.url} → ${answer.status} ${answer.body.slice(0, 160)}`;
          }
          const extra: Record<string, string> = {};
          if (answer.status === 301 || answer.status === 302) extra.location = 'file:///etc/passwd';
          if (answer.status === 429 || answer.status === 503) extra['retry-after'] = '99999999999';
          res.writeHead(answer.status, { 'content-type': answer.contentType, ...extra });
          res.end(answer.status === 204 ? undefined : answer.body);
        })
        .catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setPlan(next) {
      plan = next;
      seen = 0;
      last = '(nothing spoiled)';
    },
    lastSpoiled: () => last,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
