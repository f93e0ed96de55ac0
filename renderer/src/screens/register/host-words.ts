import { useChannel } from '../../api/hooks';

export interface HostWords {
  /** Where the wallets, files and seeds are: "this computer", or the web host's machine. */
  machine: string;
  /** Whose keychain holds the seeds, said the same way. */
  keychain: string;
}

/**
 * The desktop window runs on the user's computer; the web host serves this page to a browser that
 * may be on another machine (a headless server reached over SSH), and its wallets, files and
 * keychain are that machine's. Texts that name the place say which.
 */
export function useHostWords(): HostWords {
  const info = useChannel('getAppInfo', {});
  return info.data?.host === 'web'
    ? {
        machine: 'the machine running Chutes Desktop',
        keychain: 'the keychain of the machine running Chutes Desktop',
      }
    : { machine: 'this computer', keychain: 'the system keychain' };
}
