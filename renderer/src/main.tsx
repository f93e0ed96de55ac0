import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { onProfileChanged } from './api/profile-changed';
import { whileSwitching } from './api/profile-switch';
import { adoptTokenFromFragment, watchTokenFragment } from './api/web-token';
import { App } from './app';
import { AccessGate } from './components/access-gate';
import './styles.css';

adoptTokenFromFragment();

// Calls go to main, which already retries safe GETs; a second retry layer here would hide errors.
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });
onProfileChanged(() => void whileSwitching(queryClient, () => Promise.resolve()));
// A new token (the web host restarted) makes every call refused so far worth asking again.
watchTokenFragment(() => void queryClient.invalidateQueries());

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <AccessGate>
          <App />
        </AccessGate>
      </QueryClientProvider>
    </StrictMode>,
  );
}
