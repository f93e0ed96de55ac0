import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { appError } from '../../../../shared/errors';
import { ImportCliConfigForm } from './import-cli-config-form';

const LOCATED = {
  path: '/home/u/.chutes/config.ini',
  exists: true,
  isFolder: false,
  via: 'default',
  permissionsTooOpen: false,
};

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
    // Cancel drops the draft, which would otherwise outlive this test.
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
  });

  it('says CHUTES_CONFIG_PATH names a folder, rather than that the CLI saved no config there', async () => {
    renderLookup({
      ok: true,
      value: { ...LOCATED, path: '/home/u/.chutes', exists: false, isFolder: true, via: 'CHUTES_CONFIG_PATH' },
    });
    expect(
      await screen.findByText(/CHUTES_CONFIG_PATH names a folder; it must name the config.ini file itself/),
    ).toBeTruthy();
    expect(screen.queryByText(/No file there yet/)).toBeNull();
  });

  it('shows why the CLI config could not be looked for', async () => {
    renderLookup({
      ok: false,
      error: appError('forbidden', 'Permission denied: /home/u/.chutes/config.ini could not be read.'),
    });
    expect((await screen.findByRole('alert')).textContent).toContain('Permission denied: /home/u/.chutes/config.ini');
  });
});

function renderLookup(answer: unknown): void {
  (window as { chutes?: unknown }).chutes = { locateCliConfig: () => Promise.resolve(answer) };
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <ImportCliConfigForm onDone={() => undefined} />
    </QueryClientProvider>,
  );
}
