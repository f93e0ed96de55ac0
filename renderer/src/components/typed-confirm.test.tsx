import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { TypedConfirmField, useTypedConfirm } from './typed-confirm';

function Harness({ onEnter }: { onEnter: () => void }): ReactElement {
  const confirm = useTypedConfirm();
  return (
    <>
      <TypedConfirmField {...confirm} note="(admin keys too)" onEnter={onEnter} />
      <button type="button" disabled={!confirm.confirmed}>
        Delete
      </button>
    </>
  );
}

describe('TypedConfirmField', () => {
  it('confirms on the word in any case, and Enter runs only once it is there', async () => {
    const user = userEvent.setup();
    const onEnter = vi.fn();
    render(<Harness onEnter={onEnter} />);
    const box = screen.getByLabelText('Type delete to confirm (admin keys too)');
    const button = screen.getByRole<HTMLButtonElement>('button', { name: 'Delete' });
    await user.type(box, 'delet{Enter}');
    expect(button.disabled).toBe(true);
    expect(onEnter).not.toHaveBeenCalled();
    await user.clear(box);
    await user.type(box, ' Delete {Enter}');
    expect(button.disabled).toBe(false);
    expect(onEnter).toHaveBeenCalledTimes(1);
  });
});
