import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UsageSection } from './usage-section';
import { profileView } from '../../lib/profile-fixture.test-helper';

// What the section asks for, and when: the channel itself is main's business.
const asked: { start: string; end: string; perChute: boolean }[] = [];
const refetch = vi.fn(() => Promise.resolve());
vi.mock('../../api/hooks', () => ({
  useChannel: (_channel: string, input: { start: string; end: string; perChute: boolean }) => {
    asked.push(input);
    return { data: undefined, error: null, isFetching: false, refetch };
  },
}));

// Other chutes' names: use-chute-names.test.tsx.
vi.mock('./use-chute-names', () => ({
  useChuteNamesFor: (_ids: unknown, owned: ReadonlyMap<string, string>) => owned,
}));

const profile = profileView();

afterEach(() => {
  vi.useRealTimers();
  asked.length = 0;
  refetch.mockClear();
});

describe('a preset range', () => {
  it('is worked out again when refreshed, not kept from when it was picked', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-06T10:05:00Z'));
    render(<UsageSection canSign profile={profile} chuteNames={new Map()} />);
    fireEvent.change(screen.getByRole('combobox', { name: 'Range' }), { target: { value: '24h' } });
    expect(asked.at(-1)).toEqual({
      start: '2026-12-05T11:00:00.000Z',
      end: '2026-12-06T10:59:59.000Z',
      perChute: false,
    });
    vi.setSystemTime(new Date('2026-12-06T14:30:00Z'));
    fireEvent.click(screen.getByRole('button', { name: 'Refresh usage' }));
    expect(asked.at(-1)).toEqual({
      start: '2026-12-05T15:00:00.000Z',
      end: '2026-12-06T14:59:59.000Z',
      perChute: false,
    });
  });

  it('is read again as it is when refreshed within the same hour', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-06T10:05:00Z'));
    render(<UsageSection canSign profile={profile} chuteNames={new Map()} />);
    const before = asked.at(-1);
    vi.setSystemTime(new Date('2026-12-06T10:50:00Z'));
    fireEvent.click(screen.getByRole('button', { name: 'Refresh usage' }));
    expect(refetch).toHaveBeenCalledTimes(1);
    expect(asked.at(-1)).toEqual(before);
  });

  it('a custom range stays as applied when refreshed', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-06T10:05:00Z'));
    render(<UsageSection canSign profile={profile} chuteNames={new Map()} />);
    fireEvent.change(screen.getByRole('combobox', { name: 'Range' }), { target: { value: 'custom' } });
    fireEvent.change(screen.getByLabelText('From (UTC)'), { target: { value: '2026-11-20' } });
    fireEvent.change(screen.getByLabelText('To (UTC)'), { target: { value: '2026-11-20' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply dates' }));
    const applied = { start: '2026-11-20T00:00:00.000Z', end: '2026-11-20T23:59:59.000Z', perChute: false };
    expect(asked.at(-1)).toEqual(applied);
    vi.setSystemTime(new Date('2026-12-06T14:30:00Z'));
    fireEvent.click(screen.getByRole('button', { name: 'Refresh usage' }));
    expect(refetch).toHaveBeenCalledTimes(1);
    expect(asked.at(-1)).toEqual(applied);
  });
});
