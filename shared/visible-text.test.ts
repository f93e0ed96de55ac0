import { describe, expect, it } from 'vitest';
import { visibleText } from './visible-text';

describe('visibleText', () => {
  it('shows bidi overrides, zero-width characters and controls as code points', () => {
    expect(visibleText('\u202Eyek-nimda')).toBe('⟨U+202E⟩yek-nimda');
    expect(visibleText('pa\u200Bypal\u0000')).toBe('pa⟨U+200B⟩ypal⟨U+0000⟩');
    expect(visibleText('\u2067x\u2069')).toBe('⟨U+2067⟩x⟨U+2069⟩');
  });

  it('leaves every visible character alone, letters of any script included', () => {
    for (const name of ['svc-001', 'clé API', 'ключ', 'مفتاح', '鍵 1', 'a.b$c_d']) expect(visibleText(name)).toBe(name);
  });
});
