/**
 * Where the keyboard goes when what held the focus goes away. Screens swap a form for its outcome,
 * a button for its question, a card for nothing; the browser then drops the focus on <body> and the
 * next Tab starts again at the top of the page (a keyboard audit found this after most actions).
 * Rather than each panel placing the focus itself, one observer puts it on the nearest container
 * of the lost control that is still there — the container, not a control in it, so a second Enter
 * cannot land on a "Send now" that replaced "Review transfer…" — and a button that was only
 * disabled while its request ran gets the focus back when it is enabled again. An outcome added
 * with the change (a notice, a question) is focused instead of the container when there is one: it
 * is what the action led to, it is read out on focus, Escape in it reaches its panel's Dismiss, and
 * a ring around a whole screen says nothing.
 *
 * Escape steps back out of the panel it is pressed in: that panel's `[data-cancel]` button (Cancel,
 * Close, Dismiss) is clicked. Native dialogs handle Escape themselves.
 */

const KEPT = 'data-focus-kept';
/** What counts as a panel for Escape: a form, a sub-form, a question, a named group or region. */
const PANEL = 'form, .subform, [role="alertdialog"], [role="group"], [role="region"], section';
/** An outcome a change can bring: a notice, or a question to answer. */
const OUTCOME = '[role="status"], [role="alert"], [role="alertdialog"]';

/** The first outcome among the added nodes that sits inside `container`, or null. */
function addedOutcome(records: readonly MutationRecord[], container: HTMLElement): HTMLElement | null {
  for (const record of records)
    for (const node of record.addedNodes) {
      if (!(node instanceof HTMLElement) || !node.isConnected || !container.contains(node)) continue;
      const found = node.matches(OUTCOME) ? node : node.querySelector<HTMLElement>(OUTCOME);
      if (found) return found;
    }
  return null;
}

/** Focus a container that is not focusable itself for as long as it holds the focus. */
function focusContainer(target: HTMLElement): void {
  if (!target.hasAttribute('tabindex')) {
    target.setAttribute('tabindex', '-1');
    target.setAttribute(KEPT, '');
    target.addEventListener(
      'blur',
      () => {
        target.removeAttribute('tabindex');
        target.removeAttribute(KEPT);
      },
      { once: true },
    );
  }
  target.focus({ preventScroll: true });
}

/** The panel's own Cancel or Close (not one of a panel nested in it). */
function cancelOf(panel: Element): HTMLButtonElement | null {
  for (const button of panel.querySelectorAll<HTMLButtonElement>('button[data-cancel]'))
    if (button.parentElement?.closest(PANEL) === panel && !button.disabled) return button;
  return null;
}

export function installFocusKeeper(doc: Document = document): () => void {
  const main = () => doc.getElementById('main');
  /** The last control focused inside <main>, and its containers up to <main>, nearest first. */
  let last: HTMLElement | null = null;
  let chain: HTMLElement[] = [];
  /** `last` was disabled while focused (a request running): it gets the focus back when enabled. */
  let waiting = false;

  const onFocusIn = (event: FocusEvent) => {
    const target = event.target;
    // A container or outcome given the focus here counts as focused too: when it goes in turn (a
    // done panel closed by Escape), the focus moves on to what still holds it.
    const root = main();
    waiting = false;
    if (!(target instanceof HTMLElement) || !root || target === root || !root.contains(target)) {
      last = null;
      return;
    }
    last = target;
    chain = [];
    for (let node = target.parentElement; node && node !== root; node = node.parentElement) chain.push(node);
  };

  const observer = new MutationObserver((records) => {
    const lost = last;
    if (!lost) return;
    if (lost.isConnected && lost.matches(':disabled')) {
      // The browser moves the focus off a disabled control only when it next renders, so this may
      // still be the focused element: either way it is the one to give the focus back to.
      if (doc.activeElement === lost || doc.activeElement === doc.body) waiting = true;
      return;
    }
    if (doc.activeElement === lost) waiting = false; // enabled again before it ever lost the focus
    if (doc.activeElement !== doc.body) return;
    if (lost.isConnected) {
      if (waiting) {
        waiting = false;
        lost.focus({ preventScroll: true });
      }
      // Enabled, there, and not focused: the user put the focus elsewhere (a click on the page).
      return;
    }
    last = null;
    waiting = false;
    const kept = chain.find((el) => el.isConnected && !el.closest('[inert]'));
    if (!kept) {
      main()?.focus({ preventScroll: true });
      return;
    }
    focusContainer(addedOutcome(records, kept) ?? kept);
  });
  observer.observe(doc.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled'] });

  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target;
    if (event.key !== 'Escape' || event.defaultPrevented || !(target instanceof Element)) return;
    if (target.closest('dialog')) return;
    for (let panel = target.closest(PANEL); panel; panel = panel.parentElement?.closest(PANEL) ?? null) {
      const cancel = cancelOf(panel);
      if (cancel) {
        event.preventDefault();
        cancel.click();
        return;
      }
    }
  };

  doc.addEventListener('focusin', onFocusIn);
  doc.addEventListener('keydown', onKeyDown);
  return () => {
    observer.disconnect();
    doc.removeEventListener('focusin', onFocusIn);
    doc.removeEventListener('keydown', onKeyDown);
  };
}
