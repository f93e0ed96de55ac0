import { useId, type ReactElement, type ReactNode } from 'react';

interface Props {
  type: 'radio' | 'checkbox';
  name?: string;
  value?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** The control's accessible name: the label's text only. */
  children: ReactNode;
  /** Said as the control's description, not as part of its name. */
  explain: ReactNode;
}

/**
 * A radio or checkbox with a line of explanation under its label. The explanation sits outside the
 * <label> so the control is named by its label alone (a screen reader, or `getByRole(…, { name })`,
 * gets "Validator", not the whole sentence), and reaches it as its description.
 */
export function ExplainedChoice({ type, name, value, checked, onChange, children, explain }: Props): ReactElement {
  const id = useId();
  return (
    <div className="choice">
      <input
        id={`${id}-input`}
        type={type}
        name={name}
        value={value}
        checked={checked}
        aria-describedby={`${id}-explain`}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={`${id}-input`}>{children}</label>
      <span className="explain" id={`${id}-explain`}>
        {explain}
      </span>
    </div>
  );
}
