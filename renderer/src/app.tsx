import type { ReactElement } from 'react';
import { ROUTES, type RouteId } from './routes';
import { AccountScreen } from './screens/account-screen';
import { AccountsScreen } from './screens/accounts-screen';
import { ApiKeysScreen } from './screens/api-keys-screen';
import { LinkHotkeyScreen } from './screens/link-hotkey-screen';
import { RegisterScreen } from './screens/register-screen';
import { SecretsScreen } from './screens/secrets-screen';
import { SettingsScreen } from './screens/settings-screen';
import { useRoute } from './use-route';

const SCREENS: Record<RouteId, () => ReactElement> = {
  accounts: AccountsScreen,
  register: RegisterScreen,
  'api-keys': ApiKeysScreen,
  secrets: SecretsScreen,
  'link-hotkey': LinkHotkeyScreen,
  account: AccountScreen,
  settings: SettingsScreen,
};

export function App(): ReactElement {
  const route = useRoute();
  const Screen = SCREENS[route];
  return (
    <div className="app">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">◆</span>
          <span>Chutes Desktop</span>
        </div>
        <ul>
          {ROUTES.map((r) => (
            <li key={r.id}>
              <a href={`#/${r.id}`} aria-current={r.id === route ? 'page' : undefined}>
                {r.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content">
        <Screen />
      </main>
    </div>
  );
}
