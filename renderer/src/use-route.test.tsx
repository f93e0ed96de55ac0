import { act, render, screen } from '@testing-library/react';
import { useLayoutEffect } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { usePlace } from './use-route';

function Shown() {
  const { route, sub } = usePlace();
  return <p>{[route, ...sub].join('/')}</p>;
}

/** Moves the address after the first render and before any passive effect (the hook's listener) has run. */
function MovesEarly({ to }: { to: string }) {
  useLayoutEffect(() => {
    // replaceState fires no hashchange at all: only a second look after subscribing can see it.
    window.history.replaceState(null, '', to);
  }, [to]);
  return null;
}

afterEach(() => window.history.replaceState(null, '', '#/'));

describe('usePlace', () => {
  it('follows hash changes', async () => {
    window.history.replaceState(null, '', '#/api-keys');
    render(<Shown />);
    expect(screen.getByText('api-keys')).toBeTruthy();
    await act(async () => {
      window.location.hash = '#/secrets/chute-1';
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    expect(screen.getByText('secrets/chute-1')).toBeTruthy();
  });

  it('sees an address changed between its first render and its listener (a click while the app starts)', () => {
    window.history.replaceState(null, '', '#/accounts');
    render(
      <>
        <Shown />
        <MovesEarly to="#/settings" />
      </>,
    );
    expect(screen.getByText('settings')).toBeTruthy();
  });
});
