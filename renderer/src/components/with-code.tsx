import type { ReactElement } from 'react';

/** Messages from main mark commands and names with backticks; they are shown as code, not as backticks. */
export function WithCode({ text }: { text: string }): ReactElement {
  const parts = text.split(/`([^`\n]+)`/);
  return <>{parts.map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}</>;
}
