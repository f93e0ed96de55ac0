import { useEffect, useState, type ReactElement } from 'react';

/** What a copy button's live region says after a click (its visible text is hidden by its label). */
export function copyAnnouncement(label: string, state: CopyState): string {
  if (state === 'copied') return `${label}: copied.`;
  if (state === 'failed') return `${label}: copying failed; select the text and copy it yourself.`;
  return '';
}

export type CopyState = 'idle' | 'copied' | 'failed';

/** A copy button's state, back to idle after 2 s so the next copy is said again. */
export function useCopyState(): [CopyState, (next: CopyState) => void] {
  const [state, setState] = useState<CopyState>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  return [state, setState];
}

/** Copies text to the clipboard and says so; the label names what is copied for screen readers. */
export function CopyButton({ text, label }: { text: string; label: string }): ReactElement {
  const [state, setState] = useCopyState();
  return (
    <>
      <button
        type="button"
        className="copy"
        aria-label={label}
        onClick={() => {
          navigator.clipboard.writeText(text).then(
            () => setState('copied'),
            () => setState('failed'),
          );
        }}
      >
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy'}
      </button>
      <span className="sr-only" aria-live="polite">
        {copyAnnouncement(label, state)}
      </span>
    </>
  );
}
