import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { errorOf } from '../../api/client';
import { useEnvDrop } from './use-env-drop';

function drop(file: File): void {
  const event = new Event('drop', { cancelable: true });
  Object.defineProperty(event, 'dataTransfer', { value: { files: [file], types: ['Files'] } });
  window.dispatchEvent(event);
}

describe('useEnvDrop', () => {
  it('says a dropped file it cannot take is bad input (not a bug in the app), naming the file', async () => {
    const onText = vi.fn();
    const onProblem = vi.fn();
    renderHook(() => useEnvDrop(true, onText, onProblem));
    // Windows PowerShell 5's `>`: UTF-16LE with a byte-order mark.
    drop(new File([new Uint8Array([0xff, 0xfe, ...Buffer.from('A=1\n', 'utf16le')])], 'ps.env'));
    await waitFor(() => expect(onProblem).toHaveBeenCalledTimes(1));
    const problem = errorOf(onProblem.mock.calls[0]?.[0]);
    expect(problem.code).toBe('invalid-input');
    expect(problem.message).toMatch(/^ps\.env is not UTF-8 text: it is UTF-16/);
    expect(onText).not.toHaveBeenCalled();
  });

  it('hands a UTF-8 file over with its name', async () => {
    const onText = vi.fn();
    renderHook(() => useEnvDrop(true, onText, vi.fn()));
    drop(new File(['A=1\n'], 'app.env'));
    await waitFor(() => expect(onText).toHaveBeenCalledWith('A=1\n', 'app.env'));
  });
});
