import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { bytesEqual } from '../signer/bytes';
import { parseHotkeyContent } from './keyfile';
import { redactKeyfileSecrets } from './keyfile-secrets';
import { makeKey, type TestKey } from './test-fixtures';

let key: TestKey;
beforeAll(async () => {
  key = await makeKey();
});
afterEach(() => {
  vi.restoreAllMocks();
});

const secretsOf = (k: TestKey) => [
  k.json.secretSeed ?? '',
  (k.json.secretSeed ?? '').slice(2),
  k.json.privateKey ?? '',
  (k.json.privateKey ?? '').slice(2),
  k.json.secretPhrase ?? '',
];

/** Every text JSON.parse is given while `run` runs. */
function textsParsed(run: () => void): string[] {
  const seen: string[] = [];
  const real = JSON.parse.bind(JSON);
  vi.spyOn(JSON, 'parse').mockImplementation((text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
    seen.push(text);
    return real(text, reviver) as unknown;
  });
  run();
  return seen;
}

describe('key file secrets never become strings', () => {
  it('parses a btwallet hotkey file without making any text of it', () => {
    const input = Buffer.from(JSON.stringify(key.json, null, 2));
    const before = Buffer.from(input);
    let parsed: ReturnType<typeof parseHotkeyContent> | undefined;
    const texts = textsParsed(() => (parsed = parseHotkeyContent(input)));
    expect(texts).toEqual([]); // read field by field from the bytes (keyfile-fields.ts)
    expect(parsed?.status).toBe('ok');
    expect(parsed?.seed && bytesEqual(parsed.seed, key.seed)).toBe(true);
    expect(parsed?.holdsSecret).toBe(true);
    expect(input.equals(before)).toBe(true); // the caller's bytes are untouched
  });

  it('parses any other JSON key file without a text holding its seed, private key or phrase', () => {
    // A number field is outside btwallet's flat layout, so the general path reads this one.
    const input = Buffer.from(JSON.stringify({ ...key.json, version: 2 }));
    const before = Buffer.from(input);
    let parsed: ReturnType<typeof parseHotkeyContent> | undefined;
    const texts = textsParsed(() => (parsed = parseHotkeyContent(input)));
    expect(texts).toHaveLength(1);
    for (const secret of secretsOf(key)) expect(texts[0]).not.toContain(secret);
    expect(parsed?.status).toBe('ok');
    expect(parsed?.seed && bytesEqual(parsed.seed, key.seed)).toBe(true);
    expect(input.equals(before)).toBe(true);
  });

  it('decodes the last of duplicate secretSeed keys, as JSON.parse would', async () => {
    const other = await makeKey();
    const text = JSON.stringify(key.json).replace(
      '"secretSeed"',
      `"secretSeed":"${other.json.secretSeed ?? ''}","secretSeed"`,
    );
    const redacted = redactKeyfileSecrets(Buffer.from(text));
    expect(redacted.seed && bytesEqual(redacted.seed, key.seed)).toBe(true);
    expect(redacted.text).not.toContain((other.json.secretSeed ?? '').slice(2));
    expect(parseHotkeyContent(Buffer.from(text)).seed).toEqual(key.seed);
  });

  it('still reads a seed written with JSON escapes (then only JSON.parse’s string holds it)', () => {
    const escaped = JSON.stringify(key.json).replace(
      `"${key.json.secretSeed ?? ''}"`,
      `"\\u0030x${(key.json.secretSeed ?? '').slice(2)}"`,
    );
    const parsed = parseHotkeyContent(Buffer.from(escaped));
    expect(parsed.status).toBe('ok');
    expect(parsed.seed && bytesEqual(parsed.seed, key.seed)).toBe(true);
  });

  it('calls a starred or non-hex secretSeed malformed, and an empty one public-only', () => {
    for (const bad of ['0x' + 'zz'.repeat(32), '*'.repeat(66), 'abc']) {
      expect(parseHotkeyContent(Buffer.from(JSON.stringify({ ...key.json, secretSeed: bad }))).status).toBe(
        'malformed',
      );
    }
    const empty = parseHotkeyContent(
      Buffer.from(JSON.stringify({ ...key.json, secretSeed: '', privateKey: '', secretPhrase: '' })),
    );
    expect(empty.status).toBe('public-only');
    expect(empty.holdsSecret).toBe(false);
  });
});
