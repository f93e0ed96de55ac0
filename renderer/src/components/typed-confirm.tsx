import { useState, type ReactElement, type ReactNode } from 'react';

/** The word a deliberate delete asks to have typed (case and outer spaces do not matter). */
const WORD = 'delete';

/**
 * "Type delete to confirm" for deletes that cannot be undone (API keys in bulk, secrets): the
 * same word and the same check everywhere. `confirmed` gates the delete button; Enter in the box
 * runs `onEnter` once the word is there.
 */
export function useTypedConfirm(): { typed: string; setTyped: (value: string) => void; confirmed: boolean } {
  const [typed, setTyped] = useState('');
  return { typed, setTyped, confirmed: typed.trim().toLowerCase() === WORD };
}

export function TypedConfirmField({
  typed,
  setTyped,
  confirmed,
  note,
  onEnter,
}: {
  typed: string;
  setTyped: (value: string) => void;
  confirmed: boolean;
  /** Said after the label, e.g. "(the selection includes admin keys)". */
  note?: ReactNode;
  onEnter?: () => void;
}): ReactElement {
  return (
    <label className="field confirm-field">
      <span>
        Type <code>{WORD}</code> to confirm{note ? <> {note}</> : null}
      </span>
      <input
        type="text"
        value={typed}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => setTyped(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && confirmed && onEnter) {
            e.preventDefault();
            onEnter();
          }
        }}
      />
    </label>
  );
}
