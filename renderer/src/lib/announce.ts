/**
 * One polite live region for the whole app, present from the start. A status region inserted
 * together with its text is not read by several screen readers (an audit found most outcomes —
 * "Created …", "Sent …", "Imported …" — arriving that way), so outcome notices also hand their text
 * to this region, which already exists when the text comes. It sits outside <main>: a test looking
 * for an outcome's words on the screen looks inside <main> (the region holds the same words).
 */
const ID = 'app-announcer';

export function ensureAnnouncer(doc: Document = document): HTMLElement {
  let region = doc.getElementById(ID);
  if (!region) {
    region = doc.createElement('div');
    region.id = ID;
    region.className = 'sr-only';
    region.setAttribute('aria-live', 'polite');
    region.setAttribute('aria-atomic', 'true');
    doc.body.append(region);
  }
  return region;
}

let pending: ReturnType<typeof setTimeout> | undefined;

/** Say `text` once (the same text again is said again: the region is emptied first). */
export function announce(text: string, doc: Document = document): void {
  const region = ensureAnnouncer(doc);
  region.textContent = '';
  clearTimeout(pending);
  pending = setTimeout(() => {
    region.textContent = text.replace(/\s+/g, ' ').trim();
  }, 50);
}
