import type { ReactElement } from 'react';
import styles from './app-frame.module.css';
import { ProfileSwitcher } from './frame/profile-switcher';
import { hrefTo, ROUTES, type RouteId } from './routes';
import { AccountScreen } from './screens/account-screen';
import { AccountsScreen } from './screens/accounts-screen';
import { ApiKeysScreen } from './screens/api-keys-screen';
import { LinkHotkeyScreen } from './screens/link-hotkey-screen';
import { RegisterScreen } from './screens/register-screen';
import { SecretsScreen } from './screens/secrets-screen';
import { SettingsScreen } from './screens/settings-screen';
import { usePlace } from './use-route';

/** Each screen gets its sub-path (`#/<screen>/<sub…>`) for wizard steps and detail views. */
export type ScreenProps = { sub: string[] };

const SCREENS: Record<RouteId, (props: ScreenProps) => ReactElement> = {
  accounts: AccountsScreen,
  register: RegisterScreen,
  'api-keys': ApiKeysScreen,
  secrets: SecretsScreen,
  'link-hotkey': LinkHotkeyScreen,
  account: AccountScreen,
  settings: SettingsScreen,
};

export function App(): ReactElement {
  const { route, sub } = usePlace();
  const Screen = SCREENS[route];
  return (
    <div className={styles.app}>
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
      <main className={styles.content}>
        <Screen sub={sub} />
      </main>
    </div>
  );
}
