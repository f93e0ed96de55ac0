/** The app's screens, in navigation order. Later issues fill the placeholders. */
export const ROUTES = [
  { id: 'accounts', label: 'Accounts' },
  { id: 'register', label: 'Register' },
  { id: 'api-keys', label: 'API keys' },
  { id: 'secrets', label: 'Secrets' },
  { id: 'link-hotkey', label: 'Link hotkey' },
  { id: 'account', label: 'Account' },
  { id: 'settings', label: 'Settings' },
] as const;

export type RouteId = (typeof ROUTES)[number]['id'];

export function routeFromHash(hash: string): RouteId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return ROUTES.find((r) => r.id === id)?.id ?? 'accounts';
}
