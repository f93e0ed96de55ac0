import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { QrCode } from './qr-code';

describe('QrCode', () => {
  it('draws an address', () => {
    render(<QrCode text="5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY" label="QR code of the address" />);
    expect(screen.getByRole('img', { name: 'QR code of the address' })).toBeTruthy();
  });

  it('says so when a text is too long for a QR code, instead of failing the whole screen', () => {
    render(<QrCode text={`5Gn${'q'.repeat(2400)}`} label="QR code of the address" />);
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByRole('note').textContent).toBe('Too long for a QR code (2,403 characters): copy it instead.');
  });
});
