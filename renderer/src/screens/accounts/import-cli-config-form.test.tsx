import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ImportCliConfigForm } from './import-cli-config-form';

const LOCATED = { path: '/home/u/.chutes/config.ini', exists: true, via: 'default', permissionsTooOpen: false };

afterEach(() => {
  delete (window as { chutes?: unknown }).chutes;
});

function renderWithSlowLookup(): () => void {
  let answer: () => void = () => undefined;
  const lookup = new Promise((resolve) => (answer = () => resolve({ ok: true, value: LOCATED })));
  (window as { chutes?: unknown }).chutes = { locateCliConfig: () => lookup };
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <ImportCliConfigForm onDone={() => undefined} />
    </QueryClientProvider>,
  );
  return answer;
}

describe('ImportCliConfigForm', () => {
  it('takes no typing until the CLI path is known, so a late path never lands in front of what was typed', async () => {
    const answer = renderWithSlowLookup();
    const field = screen.getByLabelText<HTMLInputElement>('CLI config file');
    expect(field.readOnly).toBe(true);
    expect(field.placeholder).toBe('Looking for the chutes CLI config…');
    await act(async () => {
      answer();
      await Promise.resolve();
    });
    await screen.findByDisplayValue(LOCATED.path);
    expect(field.readOnly).toBe(false);
    fireEvent.change(field, { target: { value: '/elsewhere/config.ini' } });
    expect(field.value).toBe('/elsewhere/config.ini');
  });
});
