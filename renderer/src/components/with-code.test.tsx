import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { WithCode } from './with-code';

describe('WithCode', () => {
  it('shows backticked names as code and the Profiles & hotkeys screen as a link to it', () => {
    render(
      <p>
        <WithCode text="Run `chutes register`, or look the hotkey up again on Profiles & hotkeys and save it." />
      </p>,
    );
    expect(screen.getByText('chutes register').tagName).toBe('CODE');
    expect(screen.getByRole('link', { name: 'Profiles & hotkeys' }).getAttribute('href')).toBe('#/accounts');
    expect(screen.getByRole('paragraph').textContent).toBe(
      'Run chutes register, or look the hotkey up again on Profiles & hotkeys and save it.',
    );
  });
});
