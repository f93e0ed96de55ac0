import type { ReactElement, ReactNode } from 'react';
import { Notice } from './notice';

/** What a finished sub-form shows: the outcome, announced, with Dismiss in its box as on the frame's banners. */
export function DonePanel({
  children,
  onClose,
  tone = 'good',
}: {
  children: ReactNode;
  onClose: () => void;
  tone?: 'good' | 'info';
}): ReactElement {
  return (
    <div className="subform">
      <Notice tone={tone} live onDismiss={onClose}>
        {children}
      </Notice>
    </div>
  );
}

/** The submit + cancel row every sub-form ends with. */
export function FormActions({
  submit,
  busy,
  disabled = false,
  secondary = false,
  cancelDisabled = false,
  onCancel,
}: {
  submit: ReactNode;
  busy: boolean;
  disabled?: boolean;
  /** Another button is the main action just now (a question being asked): this one steps back. */
  secondary?: boolean;
  /** While a request that must not be forgotten is out (its answer is shown in this form). */
  cancelDisabled?: boolean;
  onCancel: () => void;
}): ReactElement {
  return (
    <div className="actions">
      <button type="submit" className={secondary ? undefined : 'primary'} disabled={busy || disabled}>
        {submit}
      </button>
      <button type="button" data-cancel onClick={onCancel} disabled={cancelDisabled}>
        Cancel
      </button>
    </div>
  );
}

/** A form's own complaint about what was typed (before anything is sent), announced at once. */
export function FormProblem({ text, id }: { text: string | null | undefined; id?: string }): ReactElement | null {
  return text ? (
    <p className="field-error" role="alert" id={id}>
      {text}
    </p>
  ) : null;
}

/** A form's complaint about one of its fields (`field`), said under that field. */
export interface FieldIssue<F extends string> {
  field: F;
  text: string;
}

const issueId = (form: string, field: string) => `${form}-${field}-problem`;

/**
 * For `setProblem(editing('x'))` in a field's onChange: an issue about that field goes as soon as
 * the user changes it (it no longer describes what is there), one about another field stays. Name
 * every field whose issue the edit can answer ("New fingerprint" answers "the two entries differ").
 */
export function editing<F extends string>(
  ...fields: NoInfer<F>[]
): (issue: FieldIssue<F> | null) => FieldIssue<F> | null {
  return (issue) => (issue && fields.includes(issue.field) ? null : issue);
}

/** A field with a problem: marked invalid and described by the message with `id` (a `FormProblem`). */
export function problemProps(
  text: string | null | undefined,
  id: string,
): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  return text ? { 'aria-invalid': true, 'aria-describedby': id } : {};
}

/** The field's side: marked invalid and described by the message under it (`FieldProblem`). */
export function fieldIssueProps<F extends string>(
  issue: FieldIssue<F> | null,
  form: string,
  field: F,
): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  return issue?.field === field ? problemProps(issue.text, issueId(form, field)) : {};
}

/** The message's side, shown only when the issue is about `field`. */
export function FieldProblem<F extends string>({
  issue,
  form,
  field,
}: {
  issue: FieldIssue<F> | null;
  form: string;
  field: F;
}): ReactElement | null {
  return issue?.field === field ? <FormProblem id={issueId(form, field)} text={issue.text} /> : null;
}

/**
 * After a submit the form refused: the first field marked invalid takes the focus (a fieldset hands
 * it to its first control), so its message is read with it instead of the keyboard being left on a
 * button the refusal disabled.
 */
export function focusFirstInvalid(form: HTMLFormElement): void {
  setTimeout(() => {
    const bad = form.querySelector<HTMLElement>('[aria-invalid="true"]');
    const control = bad?.matches('input, select, textarea, button')
      ? bad
      : bad?.querySelector<HTMLElement>('input, select, textarea, button');
    control?.focus();
  }, 0);
}
