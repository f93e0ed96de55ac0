/**
 * One polite live region for the whole app, present from the start. A status region inserted
 * together with its text is not read by several screen readers (an audit found most outcomes —
 * "Created …", "Sent …", "Imported …" — arriving that way), so outcome notices also hand their text
 * to this region, which already exists when the text comes.
 *
 * The region lives in a closed shadow root: screen readers read it (the accessibility tree takes
 * shadow trees in), while a search of the page's text — a test's `getByText`, the browser's find —
 * does not find every outcome twice.
 */
const HOST_ID = 'app-announcer';
let region: HTMLElement | null = null;

export function ensureAnnouncer(doc: Document = document): HTMLElement {
  if (region?.isConnected) return region;
  const host = doc.createElement('div');
  host.id = HOST_ID;
  host.className = 'sr-only';
  const root = host.attachShadow({ mode: 'closed' });
  region = doc.createElement('div');
  region.setAttribute('aria-live', 'polite');
  region.setAttribute('aria-atomic', 'true');
  root.append(region);
  doc.body.append(host);
  return region;
}

let pending: ReturnType<typeof setTimeout> | undefined;

/** Say `text` once (the same text again is said again: the region is emptied first). */
export function announce(text: string, doc: Document = document): void {
  const live = ensureAnnouncer(doc);
  live.textContent = '';
  clearTimeout(pending);
  pending = setTimeout(() => {
    live.textContent = text.replace(/\s+/g, ' ').trim();
  }, 50);
}
