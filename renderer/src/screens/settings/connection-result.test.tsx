import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { UnreachableReport } from '../../../../shared/diagnostics';
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

describe('ConnectionResult for an answer that is not a usable API', () => {
  const failed = (reason: UnreachableReport['reason'], message: string, status?: number) => (
    <ConnectionResult
      report={{ reachable: false, url: 'https://x.test/ping', reason, message, ...(status ? { status } : {}) }}
    />
  );

  it('names an error status by what it means, not "Server error" for every one', () => {
    const cases: Array<[number, string]> = [
      [403, 'Refused (HTTP 403)'],
      [429, 'Too many requests (HTTP 429)'],
      [404, 'Not a Chutes API (HTTP 404)'],
      [418, 'Request rejected (HTTP 418)'],
      [503, 'Server error (HTTP 503)'],
    ];
    for (const [status, label] of cases) {
      const { unmount } = render(failed('http-status', 'x.test answered.', status));
      const result = screen.getByRole('status');
      expect(result.textContent, String(status)).toContain(label);
      if (status < 500) expect(result.textContent, String(status)).not.toContain('Server error');
      // It answered: not "Unreachable".
      expect(screen.getByText('Not usable').className).toContain('badge-bad');
      unmount();
    }
  });

  it('does not badge a redirect or a refused port "Unreachable"', () => {
    for (const message of [
      'x.test answered with a redirect to another address. The app does not follow redirects.',
      'The port in x.test:25 is one that web clients may not use (it belongs to another protocol), so nothing was sent.',
    ]) {
      const { unmount } = render(failed('other', message));
      const result = screen.getByRole('status');
      expect(result.textContent).not.toContain('Unreachable');
      expect(result.textContent).toContain('Check failed');
      expect(result.textContent).toContain(message);
      unmount();
    }
  });
});
