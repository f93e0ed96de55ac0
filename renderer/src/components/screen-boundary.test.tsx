import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScreenBoundary } from './screen-boundary';

function Broken(): never {
  throw new Error('Data too long');
}

afterEach(() => vi.restoreAllMocks());

describe('ScreenBoundary', () => {
  it('keeps a failed screen to itself: what is beside it stays, and the failure is said', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <div>
        <p>Side bar</p>
        <ScreenBoundary>
          <Broken />
        </ScreenBoundary>
      </div>,
    );
    expect(screen.getByText('Side bar')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('This screen could not be shown.');
    expect(screen.getByRole('alert').textContent).toContain('What failed: Data too long');
  });

  it('shows a screen that renders as it is', () => {
    render(
      <ScreenBoundary>
        <p>Fine</p>
      </ScreenBoundary>,
    );
    expect(screen.getByText('Fine')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
