import { lazy, Suspense, useEffect, useRef, type ComponentType, type ReactElement } from 'react';
import styles from './app-frame.module.css';
import { OnceOnlyNotices } from './frame/once-only-notices';
import { OutcomeNotices } from './frame/outcome-notices';
import { ProfileChangedNotice } from './frame/profile-changed-notice';
import { ProfileSwitcher } from './frame/profile-switcher';
import { ScreenBoundary } from './components/screen-boundary';
import { hrefTo, ROUTES, type RouteId } from './routes';
import { AccountsScreen } from './screens/accounts-screen';
import { usePlace } from './use-route';
import { installFocusKeeper } from './frame/focus-keeper';
import { ensureAnnouncer } from './lib/announce';

/** Each screen gets its sub-path (`#/<screen>/<sub…>`) for wizard steps and detail views. */
export type ScreenProps = { sub: string[] };

// Profiles & hotkeys is where the app opens, so it is in the first bundle; every other screen is its own
// chunk, fetched from the app's own origin when first opened (the start-up bundle stays small).
const SCREENS: Record<RouteId, ComponentType<ScreenProps>> = {
  accounts: AccountsScreen,
  register: lazy(() => import('./screens/register-screen').then((m) => ({ default: m.RegisterScreen }))),
  'api-keys': lazy(() => import('./screens/api-keys-screen').then((m) => ({ default: m.ApiKeysScreen }))),
  secrets: lazy(() => import('./screens/secrets-screen').then((m) => ({ default: m.SecretsScreen }))),
  'link-hotkey': lazy(() => import('./screens/link-hotkey-screen').then((m) => ({ default: m.LinkHotkeyScreen }))),
  account: lazy(() => import('./screens/account-screen').then((m) => ({ default: m.AccountScreen }))),
  settings: lazy(() => import('./screens/settings-screen').then((m) => ({ default: m.SettingsScreen }))),
};

export function App(): ReactElement {
  const { route, sub } = usePlace();
  const Screen = SCREENS[route];
  const main = useRef<HTMLElement>(null);
  // The window's (or tab's) title names the screen: window lists, history and screen readers say it.
  const label = ROUTES.find((r) => r.id === route)?.label ?? '';
  useEffect(() => {
    document.title = `${label} — Chutes Desktop`;
  }, [label]);
  useEffect(() => {
    ensureAnnouncer();
    return installFocusKeeper();
  }, []);
  return (
    <div className={styles.app}>
      {/* First in the tab order: past the side bar's links to the screen, without changing the route. */}
      <a
        href="#main"
        className={styles.skipLink}
        onClick={(e) => {
          e.preventDefault();
          main.current?.focus();
        }}
      >
        Skip to content
      </a>
      <aside className={styles.sidebar}>
        <div className={styles.brand}>
          <span className={styles.brandMark} aria-hidden="true">
            ◆
          </span>
          <span>Chutes Desktop</span>
        </div>
        <ProfileSwitcher />
        <nav aria-label="Main">
          <ul>
            {ROUTES.map((r) => (
              <li key={r.id}>
                <a href={hrefTo(r.id)} aria-current={r.id === route ? 'page' : undefined}>
                  {r.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </aside>
      <main className={styles.content} id="main" ref={main} tabIndex={-1}>
        <OnceOnlyNotices route={route} />
        <ProfileChangedNotice />
        <OutcomeNotices />
        <Suspense
          fallback={
            <p className="muted" role="status">
              Loading…
            </p>
          }
        >
          <ScreenBoundary key={route}>
            <Screen sub={sub} />
          </ScreenBoundary>
        </Suspense>
      </main>
    </div>
  );
}
