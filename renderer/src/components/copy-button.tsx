import { useEffect, useState, type ReactElement } from 'react';

export type CopyState = 'idle' | 'copied' | 'failed';

/** What a copy button's live region says after a click (its visible text is hidden by its label). */
function copyAnnouncement(label: string, state: CopyState): string {
  if (state === 'copied') return `${label}: copied.`;
  if (state === 'failed') return `${label}: copying failed; select the text and copy it yourself.`;
  return '';
}

const writeText = (text: string): Promise<CopyState> =>
  navigator.clipboard.writeText(text).then(
    () => 'copied',
    () => 'failed',
  );

/**
 * Copies text to the clipboard and says so, visibly for 2 s and to screen readers (the label
 * names what is copied). `copy` replaces the plain write, e.g. for a secret the clipboard must
 * forget later.
 */
export function CopyButton({
  text,
  label,
  copy = writeText,
}: {
  text: string;
  label: string;
  copy?: (text: string) => Promise<CopyState>;
}): ReactElement {
  const [state, setState] = useState<CopyState>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <>
      <button type="button" className="copy" aria-label={label} onClick={() => void copy(text).then(setState)}>
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy'}
      </button>
      <span className="sr-only" aria-live="polite">
        {copyAnnouncement(label, state)}
      </span>
    </>
  );
}
