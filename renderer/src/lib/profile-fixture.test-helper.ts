import type { ProfileView } from '../../../shared/profiles';

/** A profile as the renderer gets it, for component tests; override what a test is about. */
export function profileView(overrides: Partial<ProfileView> = {}): ProfileView {
  return {
    id: 'p1',
    displayName: 'alice',
    baseUrl: 'https://api.chutes.ai',
    username: 'alice',
    userId: 'u',
    hotkeyName: 'default',
    hotkeySs58: '5F3sa2TJAWMqDhXG6jhV4N8ko9SxwGy8TpaNS1repo5EYjQX',
    paymentAddress: null,
    source: { kind: 'registration' },
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    seedInKeychain: true,
    ...overrides,
  };
}
