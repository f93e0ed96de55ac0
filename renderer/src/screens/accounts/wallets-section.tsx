import { useState, type ReactElement } from 'react';
import { useIsFetching } from '@tanstack/react-query';
import type { KeychainSeed } from '../../../../shared/keychain';
import { folderFixedAtLaunch, type WalletEntry, type WalletsView } from '../../../../shared/wallets';
import { channelKey } from '../../api/hooks';
import { Address } from '../../components/address';
import { Badge } from '../../components/badge';
import { ErrorNotice } from '../../components/error-notice';
import { HotkeyItem } from './hotkey-item';
import { ImportHotkeyFileForm } from './import-hotkey-file-form';
import { KeychainOnlyList } from './keychain-only-list';
import { WalletsFolderForm } from './wallets-folder-form';
import styles from './accounts.module.css';

const COLDKEY_NOTE: Record<WalletEntry['coldkey']['status'], string | null> = {
  ok: null,
  missing:
    'No coldkeypub.txt: its hotkeys can sign, but registering needs the coldkey address (normal for a hotkey-only copy)',
  encrypted: 'coldkeypub.txt is encrypted',
  unreadable: 'coldkeypub.txt could not be read',
  malformed: 'coldkeypub.txt is not valid',
  'too-large': 'coldkeypub.txt is too large to be a key file',
};

/** Nothing by any of the names a wallet is made of. */
const empty = (wallet: WalletEntry): boolean =>
  wallet.coldkey.status === 'missing' && !wallet.coldkey.hasPrivateColdkey && wallet.hotkeys.length === 0;

const fixed = (view: WalletsView): boolean => folderFixedAtLaunch(view.folder.source);

const SOURCE_NOTE: Record<WalletsView['folder']['source'], string> = {
  default: 'btcli’s default',
  chosen: 'chosen in this app',
  'chosen-unreadable': 'btcli’s default, as the folder chosen in this app cannot be read',
  BT_WALLET_PATH: 'from BT_WALLET_PATH',
  '--wallets-path': 'from --wallets-path',
};

function NoWallets({ view }: { view: WalletsView }): ReactElement {
  // The folder's path heads the card, just above.
  const reason =
    view.status === 'missing'
      ? 'This wallets folder does not exist.'
      : view.status === 'ok'
        ? 'This wallets folder has no wallets in it.'
        : `This wallets folder could not be read${view.message ? `: ${view.message}` : '.'}`;
  return (
    <div className="empty">
      <p>{reason}</p>
      <p>
        btcli keeps wallets in <code>~/.bittensor/wallets</code>, one folder per wallet with its hotkeys under{' '}
        <code>hotkeys/</code>. To create a wallet and a hotkey:
      </p>
      <pre className="command">
        btcli wallet new_coldkey --wallet.name mywallet{'\n'}btcli wallet new_hotkey --wallet.name mywallet
        --wallet.hotkey default
      </pre>
      <p>
        {fixed(view)
          ? `If your wallets are elsewhere, start the app with another ${view.folder.source}, `
          : 'If your wallets are elsewhere, choose their folder with “Change folder…” above, '}
        or add a single hotkey file with “Add a hotkey file…”.
      </p>
    </div>
  );
}

export function WalletsSection({
  view,
  error,
  onRescan,
}: {
  view: WalletsView | undefined;
  error: Error | null;
  onRescan: () => void;
}): ReactElement {
  const [panel, setPanel] = useState<'none' | 'add' | 'folder'>('none');
  const scanning = useIsFetching({ queryKey: channelKey('listWallets') }) > 0;
  const adding = panel === 'add';
  const toggle = (which: 'add' | 'folder') => setPanel(panel === which ? 'none' : which);
  const held = view?.seedsInKeychain ? new Set(view.seedsInKeychain.map((s) => s.ss58)) : null;
  // While the keychain does not answer (waiting for an unlock, or one read ran past its wait), the
  // keychain-only rows last seen stay, marked unconfirmed: an open removal question or look-up
  // in them (a ticked box, an unsaved answer) goes only when the keychain says the seed is gone.
  const [lastSeeds, setLastSeeds] = useState<KeychainSeed[] | null>(null);
  if (view?.seedsInKeychain && view.seedsInKeychain !== lastSeeds) setLastSeeds(view.seedsInKeychain);
  const seeds = view?.seedsInKeychain ?? lastSeeds;
  const onDisk = new Set(
    view?.wallets.flatMap((w) => w.hotkeys.map((h) => h.ss58)).filter((a): a is string => a !== null) ?? [],
  );
  return (
    <section className="card" aria-labelledby="wallets-title">
      <div className="section-head">
        <div>
          <h2 id="wallets-title">Wallets</h2>
          {view ? (
            <p className="small muted">
              <code>{view.walletsPath}</code> ({SOURCE_NOTE[view.folder.source]})
            </p>
          ) : null}
          {view?.folder.problem ? (
            <p className="small bad-text">
              The wallets folder chosen in this app is not used: {view.folder.problem}. Choose it again with “Change
              folder…”.
            </p>
          ) : null}
        </div>
        <div className="actions">
          {view && !fixed(view) ? (
            <button type="button" onClick={() => toggle('folder')} aria-expanded={panel === 'folder'}>
              Change folder…
            </button>
          ) : null}
          <button type="button" onClick={() => toggle('add')} aria-expanded={adding}>
            Add a hotkey file…
          </button>
          {/* Busy for any scan, whoever asked for it: a second one would only wait behind it. */}
          <button type="button" onClick={onRescan} disabled={scanning}>
            {scanning ? 'Scanning…' : 'Rescan'}
          </button>
        </div>
      </div>
      {adding ? <ImportHotkeyFileForm onDone={() => setPanel('none')} /> : null}
      {panel === 'folder' && view ? (
        <WalletsFolderForm
          current={view.walletsPath}
          chosen={view.folder.source === 'chosen'}
          defaultPath={view.folder.defaultPath}
          onDone={() => setPanel('none')}
        />
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      {!view && !error ? (
        <p className="muted small" role="status">
          Looking through the wallets folder…
        </p>
      ) : null}
      {/* Not under the open folder form: "does not exist" would read as about the folder typed there. */}
      {view && view.wallets.length === 0 && panel !== 'folder' ? <NoWallets view={view} /> : null}
      {view?.wallets.map((wallet) => (
        <article className={styles.wallet} key={wallet.id} aria-label={`Wallet ${wallet.name}`}>
          <div className={styles.walletHead}>
            <h3>{wallet.name}</h3>
            {wallet.status !== 'ok' ? (
              <>
                <Badge tone="bad">Unreadable</Badge>
                <span className="small muted">{wallet.message ?? 'This wallet folder could not be read.'}</span>
              </>
            ) : null}
            {wallet.coldkey.ss58 ? (
              <>
                <span className="small muted">coldkey</span>
                <Address address={wallet.coldkey.ss58} name={`coldkey of ${wallet.name}`} />
              </>
            ) : null}
            {/* A wallet with nothing in it gets one line below, not a note about registering with it. */}
            {wallet.status === 'ok' && COLDKEY_NOTE[wallet.coldkey.status] && !empty(wallet) ? (
              <span className="small muted">{COLDKEY_NOTE[wallet.coldkey.status]}</span>
            ) : null}
          </div>
          {wallet.status === 'ok' && wallet.message ? <p className="small muted">{wallet.message}</p> : null}
          {wallet.status !== 'ok' ? null : wallet.hotkeys.length === 0 ? (
            <p className="small muted">
              {empty(wallet) ? 'An empty wallet: no coldkeypub.txt and no hotkeys.' : 'No hotkeys in this wallet.'}
            </p>
          ) : (
            <ul className={styles.hotkeys} aria-label={`Hotkeys of ${wallet.name}`}>
              {wallet.hotkeys.map((hotkey) => (
                <HotkeyItem
                  key={hotkey.id}
                  walletId={wallet.id}
                  walletName={wallet.name}
                  hotkey={hotkey}
                  inKeychain={held === null || hotkey.ss58 === null ? null : held.has(hotkey.ss58)}
                  keychainWaiting={view?.keychain.waiting === true}
                />
              ))}
            </ul>
          )}
        </article>
      ))}
      {view && seeds ? (
        <KeychainOnlyList seeds={seeds.filter((s) => !onDisk.has(s.ss58))} confirmed={view.seedsInKeychain !== null} />
      ) : null}
    </section>
  );
}
