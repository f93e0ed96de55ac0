import { useEffect, type FormEvent, type ReactElement } from 'react';
import { MIN_COLDKEY_TAO } from '../../../../shared/registration';
import { folderFixedAtLaunch, type HotkeyEntry, type WalletEntry } from '../../../../shared/wallets';
import { useChannel } from '../../api/hooks';
import { useWallets } from '../../api/use-wallets';
import { Address } from '../../components/address';
import { Badge } from '../../components/badge';
import { ErrorNotice } from '../../components/error-notice';
import { HOTKEY_STATUS_BADGE, HotkeyStatusBadge } from '../../components/hotkey-status-badge';
import { Notice } from '../../components/notice';
import { hrefTo, navigate } from '../../routes';
import { AddAsProfile } from './add-as-profile';
import { useHostWords } from './host-words';
import { choiceOutdated, hotkeyUsability, usableFirst } from './hotkey-usability';
import styles from './register.module.css';
import { updateWizard, useWizard, type ChosenHotkey } from './wizard-store';

/**
 * Why a hotkey cannot register, in the words Profiles & hotkeys uses for its file (Encrypted,
 * Public only, Unreadable), or the wallet's own lack; the sentence under it says the rest.
 */
function UnusableBadge({ wallet, hotkey }: { wallet: WalletEntry; hotkey: HotkeyEntry }): ReactElement {
  if (wallet.status !== 'ok') return <Badge tone="bad">Unreadable</Badge>;
  if (hotkey.ss58 && !wallet.coldkey.ss58) return <Badge tone="neutral">No coldkey</Badge>;
  return HOTKEY_STATUS_BADGE[hotkey.status] ? (
    <HotkeyStatusBadge status={hotkey.status} />
  ) : (
    <Badge tone="neutral">No seed</Badge>
  );
}

function HotkeyChoice({
  wallet,
  hotkey,
  held,
  chosen,
}: {
  wallet: WalletEntry;
  hotkey: HotkeyEntry;
  held: ReadonlySet<string> | null;
  chosen: ChosenHotkey | null;
}): ReactElement {
  const usability = hotkeyUsability(wallet, hotkey, held);
  const { machine } = useHostWords();
  const selected = chosen?.walletId === wallet.id && chosen.hotkeyId === hotkey.id;
  const select = () => {
    if (!usability.usable || !hotkey.ss58 || !wallet.coldkey.ss58) return;
    updateWizard({
      chosen: {
        walletId: wallet.id,
        hotkeyId: hotkey.id,
        walletName: wallet.name,
        hotkeyName: hotkey.name,
        hotkey: hotkey.ss58,
        coldkey: wallet.coldkey.ss58,
        seedSource: usability.seedSource,
      },
    });
  };
  const readable = usability.usable && hotkey.permissions.status === 'too-open' && usability.seedSource === 'file';
  return (
    <label className={`${styles.hotkeyChoice} ${usability.usable ? '' : styles.disabled}`}>
      <input
        type="radio"
        name="hotkey"
        checked={selected}
        disabled={!usability.usable}
        onChange={select}
        aria-label={`${wallet.name}/${hotkey.name}`}
        aria-describedby={`why-${wallet.id}-${hotkey.id}`}
      />
      <span className={styles.hotkeyMain}>
        <span className={styles.hotkeyName}>
          {hotkey.name} {readable ? <Badge tone="warn">Readable by others</Badge> : null}{' '}
          {usability.usable ? (
            <Badge tone="good">{usability.seedSource === 'keychain' ? 'Seed in keychain' : 'Seed in file'}</Badge>
          ) : (
            <UnusableBadge wallet={wallet} hotkey={hotkey} />
          )}
        </span>
        {hotkey.ss58 ? <code className="ss58 small">{hotkey.ss58}</code> : null}
        <span id={`why-${wallet.id}-${hotkey.id}`} className={styles.why}>
          {usability.usable
            ? readable
              ? `Other users of ${machine} can read this file, seed included. It can still register; “Make private (0600)” on Profiles & hotkeys makes the file private.`
              : null
            : usability.why}
        </span>
      </span>
    </label>
  );
}

/** Step 3: a discovered wallet (for the coldkey address) and one of its hotkeys with a usable seed. */
export function WalletStep(): ReactElement {
  const wizard = useWizard();
  const wallets = useWallets();
  const view = wallets.data;
  const held = view?.seedsInKeychain ? new Set(view.seedsInKeychain.map((s) => s.ss58)) : null;
  const chosen = wizard.chosen;
  const empty = view?.wallets.filter((w) => w.status === 'ok' && w.hotkeys.length === 0).map((w) => w.name) ?? [];
  const unreadable = view?.wallets.filter((w) => w.status !== 'ok') ?? [];
  // A choice the folder no longer backs is put away, with why: the radio would otherwise show the
  // new hotkey checked while the wizard still held the old one.
  const outdated = view && chosen ? choiceOutdated(chosen, view.wallets, held) : null;
  useEffect(() => {
    if (outdated) updateWizard({ chosen: null, choicePutAway: outdated });
  }, [outdated]);
  const putAway = chosen ? null : wizard.choicePutAway;
  // A file seed may have reached the keychain since it was chosen (a registration attempt puts it there).
  const source = chosen && held?.has(chosen.hotkey) ? 'keychain' : chosen?.seedSource;
  const baseUrl = wizard.baseUrl ?? '';
  const { keychain } = useHostWords();
  // A seed only in its file signs this one check from a copy main reads and keeps nowhere.
  const registered = useChannel(
    'checkHotkeyRegistered',
    source === 'file' && chosen
      ? { baseUrl, hotkey: chosen.hotkey, walletId: chosen.walletId, hotkeyId: chosen.hotkeyId }
      : { baseUrl, hotkey: chosen?.hotkey ?? '' },
    { enabled: Boolean(chosen && source) && baseUrl !== '' },
  );
  const checking = Boolean(source) && registered.isPending;
  const existing = source ? registered.data : null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen && !existing && !checking) navigate('register', 'token');
  };

  return (
    <form className={styles.form} onSubmit={onSubmit} aria-label="Choose the wallet and hotkey" noValidate>
      <p className={styles.help}>
        The account is bound to a hotkey, which signs every request, and names your wallet’s coldkey. Hotkeys that
        cannot sign are listed too, with the reason.
      </p>
      {wallets.isPending ? (
        <p className="muted" role="status">
          Reading the wallets folder…
        </p>
      ) : null}
      {wallets.error ? <ErrorNotice error={wallets.error} /> : null}
      {view && view.wallets.length === 0 ? (
        <Notice tone="warn">
          <p>
            No wallets were found in <code>{view.walletsPath}</code>. Create one with btcli, or see{' '}
            <a href={hrefTo('accounts')}>Profiles & hotkeys</a> to{' '}
            {folderFixedAtLaunch(view.folder.source) ? '' : 'choose another wallets folder or '}add a single hotkey
            file.
          </p>
        </Notice>
      ) : null}
      {putAway ? (
        <Notice tone="warn" live>
          <p>{putAway} Choose the hotkey to register with again.</p>
        </Notice>
      ) : null}
      {view?.wallets
        .filter((w) => w.hotkeys.length > 0)
        .map((wallet) => (
          <fieldset key={wallet.id} className={styles.wallet}>
            <legend>Wallet {wallet.name}</legend>
            {wallet.coldkey.ss58 ? (
              <span className="small">
                <span className="muted">Coldkey</span> <code className="ss58">{wallet.coldkey.ss58}</code>
              </span>
            ) : null}
            {usableFirst(wallet, held).map((hotkey) => (
              <HotkeyChoice key={hotkey.id} wallet={wallet} hotkey={hotkey} held={held} chosen={chosen} />
            ))}
          </fieldset>
        ))}
      {empty.length > 0 ? <p className={styles.help}>Wallets without hotkeys: {empty.join(', ')}.</p> : null}
      {unreadable.length > 0 ? (
        <p className={styles.help}>
          Wallets that could not be read:{' '}
          {unreadable.map((w, i) => (
            <span key={w.id}>
              {i > 0 ? '; ' : ''}
              {w.name} ({(w.message ?? 'unreadable').replace(/\.$/, '')})
            </span>
          ))}
          . The Profiles & hotkeys screen shows the details.
        </p>
      ) : null}
      {chosen ? (
        <div aria-live="polite">
          <Notice tone="info">
            <p>
              <strong>The coldkey needs at least {MIN_COLDKEY_TAO} TAO of free balance</strong> when you register
              (Chutes checks it on chain; it is not spent). Coldkey of {chosen.walletName}:
            </p>
            <Address address={chosen.coldkey} name={`coldkey of ${chosen.walletName}`} />
          </Notice>
          {source === 'file' && !existing ? (
            <p className={styles.help}>
              The seed of {chosen.hotkeyName} is read from its file and kept in {keychain} when you register, so the new
              profile can sign.
            </p>
          ) : null}
          {checking ? (
            <p className="muted small" role="status">
              Checking whether this hotkey already has an account…
            </p>
          ) : null}
          {registered.error && source ? <ErrorNotice error={registered.error} /> : null}
          {existing ? (
            <AddAsProfile
              hotkey={chosen.hotkey}
              account={existing}
              hotkeyName={chosen.hotkeyName}
              baseUrl={baseUrl}
              seedInFileOnly={source === 'file'}
            />
          ) : null}
        </div>
      ) : null}
      <div className={styles.nav}>
        <button type="button" onClick={() => navigate('register', 'username')}>
          Back
        </button>
        <button type="submit" className="primary" disabled={!chosen || Boolean(existing) || checking}>
          Next
        </button>
      </div>
    </form>
  );
}
