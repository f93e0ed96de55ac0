import type { ChutesApi } from '../../shared/ipc-contract';

declare global {
  interface Window {
    /** Present inside the desktop window (exposed by the preload); absent in a browser tab. */
    chutes?: ChutesApi;
  }
}
