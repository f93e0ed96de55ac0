import { beforeAll, describe, expect, it } from 'vitest';
import { isEncryptedKeyfile, parseColdkeyPubContent, parseHotkeyContent } from './keyfile';
import { bytesEqual } from '../signer/bytes';
import { makeKey, publicJson, type TestKey } from './test-fixtures';

const bytes = (text: string) => Buffer.from(text, 'utf8');
let key: TestKey;
let other: TestKey;

beforeAll(async () => {
  key = await makeKey();
  other = await makeKey();
});

describe('parseHotkeyContent', () => {
  it('reads a btwallet hotkey file', () => {
    const parsed = parseHotkeyContent(bytes(JSON.stringify(key.json)));
    expect(parsed.status).toBe('ok');
    expect(parsed.ss58).toBe(key.ss58);
    expect(parsed.seed && bytesEqual(parsed.seed, key.seed)).toBe(true);
    expect(parsed.holdsSecret).toBe(true);
  });

  it('accepts a seed without 0x and a UTF-8 BOM', () => {
    const json = { ...key.json, secretSeed: key.json.secretSeed?.slice(2) };
    expect(parseHotkeyContent(bytes(`\uFEFF${JSON.stringify(json)}`)).status).toBe('ok');
  });

  it.each(['$NACL', '$ANSIBLE_VAULT;1.1;AES256', 'gAAAAABk'])('recognises encrypted files starting %j', (prefix) => {
    const content = bytes(`${prefix}binary-ish-payload`);
    expect(isEncryptedKeyfile(content)).toBe(true);
    expect(parseHotkeyContent(content)).toMatchObject({ status: 'encrypted', ss58: null, seed: null });
  });

  it('treats a file without secretSeed as public-only', () => {
    const parsed = parseHotkeyContent(bytes(publicJson(key)));
    expect(parsed).toMatchObject({ status: 'public-only', ss58: key.ss58, seed: null, holdsSecret: false });
  });

  it.each([
    ['not JSON', '{"ss58Address":'],
    ['a JSON array', '[1,2]'],
    ['JSON null', 'null'],
    ['no address', '{"secretSeed":"0x00"}'],
    ['a bad address', '{"ss58Address":"5Fnot-an-address"}'],
  ])('flags %s as malformed', (_label, content) => {
    expect(parseHotkeyContent(bytes(content)).status).toBe('malformed');
  });

  it('flags a seed that is not 32 bytes of hex as malformed but still secret', () => {
    const parsed = parseHotkeyContent(bytes(JSON.stringify({ ...key.json, secretSeed: '0x1234' })));
    expect(parsed).toMatchObject({ status: 'malformed', holdsSecret: true, seed: null });
  });

  it('catches a publicKey/accountId that disagrees with ss58Address without sr25519', () => {
    for (const field of ['publicKey', 'accountId']) {
      const json = { ...key.json, [field]: other.json.publicKey };
      const parsed = parseHotkeyContent(bytes(JSON.stringify(json)));
      expect(parsed.status).toBe('seed-mismatch');
      expect(parsed.message).toContain(field);
    }
  });

  it('cannot see a swapped seed without derivation (that is verifySeeds’ job)', () => {
    const json = { ...key.json, secretSeed: other.json.secretSeed };
    expect(parseHotkeyContent(bytes(JSON.stringify(json))).status).toBe('ok');
  });
});

describe('parseColdkeyPubContent', () => {
  it('reads the address', () => {
    expect(parseColdkeyPubContent(bytes(publicJson(key)))).toEqual({ status: 'ok', ss58: key.ss58 });
  });
  it('recognises encrypted and malformed files', () => {
    expect(parseColdkeyPubContent(bytes('$NACL...')).status).toBe('encrypted');
    expect(parseColdkeyPubContent(bytes('garbage')).status).toBe('malformed');
    expect(parseColdkeyPubContent(bytes('{}')).status).toBe('malformed');
  });
});
