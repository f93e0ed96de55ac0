import { useEffect, useState, type ReactElement } from 'react';

/** What a copy button's live region says after a click (its visible text is hidden by its label). */
export function copyAnnouncement(label: string, state: 'idle' | 'copied' | 'failed'): string {
  if (state === 'copied') return `${label}: copied.`;
  if (state === 'failed') return `${label}: copying failed; select the text and copy it yourself.`;
  return '';
}

/** Copies text to the clipboard and says so; the label names what is copied for screen readers. */
export function CopyButton({ text, label }: { text: string; label: string }): ReactElement {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
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
