import { describe, expect, it } from 'vitest';
import { shortAddress } from './short-address';

describe('shortAddress', () => {
  it('keeps the first and last six characters of an address, and a short text whole', () => {
    expect(shortAddress('5DtMhYRsAaWbSo8nrhBsRWMHpgr8zV6z7F1UxA63kFWoW8uo')).toBe('5DtMhY…WoW8uo');
    expect(shortAddress('5DtMhYRsAaWb')).toBe('5DtMhYRsAaWb');
  });
});
