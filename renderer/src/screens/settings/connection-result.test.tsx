import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ConnectionResult, formatDuration } from './connection-result';

describe('ConnectionResult', () => {
  it('formats durations for people', () => {
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(-200)).toBe('3 min 20 s');
    expect(formatDuration(900)).toBe('15 min');
    expect(formatDuration(3 * 3600 + 120)).toBe('3 h 2 min');
  });

  it('warns before the server starts refusing signatures', () => {
    render(
      <ConnectionResult
        report={{
          reachable: true,
          url: 'https://api.chutes.ai/ping',
          latencyMs: 80,
          serverTime: null,
          skewSeconds: -200,
          skew: 'warning',
          message: 'pong',
        }}
      />,
    );
    expect(screen.getByRole('status').textContent).toContain(
      'Your clock is 3 min 20 s behind the server. Chutes refuses signed requests at 10 minutes',
    );
    expect(screen.getByText('Clock skew').className).toContain('badge-warn');
    // That it answered is said in words, not with a green badge inside a warning.
    expect(screen.getByRole('status').textContent).toContain(
      'The server is reachable: api.chutes.ai answered in 80 ms.',
    );
    expect(screen.queryByText('Reachable')).toBeNull();
  });

  it('names the failure and the address tried', () => {
    render(
      <ConnectionResult
        report={{
          reachable: false,
          url: 'https://x.invalid/ping',
          reason: 'dns',
          message: 'The name x.invalid could not be resolved (DNS).',
        }}
      />,
    );
    const status = screen.getByRole('status');
    expect(status.textContent).toContain('Address not found (DNS)');
    expect(status.textContent).toContain('https://x.invalid/ping');
  });
});
