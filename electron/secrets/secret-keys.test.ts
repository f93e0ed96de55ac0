import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { secretKeyBanned } from '../../e2e/sandbox/routes-secrets';
import { bannedKeyReason, cliCommand, isIntegratedSubnetChute, secretKeyProblem } from '../../shared/secret-keys';

// The shared pre-check must refuse exactly what the server refuses (`../shared/reference/chutes-account-api.md` §6.1), or users meet a 403 late.
describe('secret key rules', () => {
  it.each([
    ['PYTHONPATH', 'banned'],
    ['my_python_home', 'banned'],
    ['SGLANG_X', 'banned'],
    ['sgl_anything', 'banned'],
    ['LD_PRELOAD', 'banned'],
    ['http_proxy', 'banned'],
    ['HTTPS_PROXY', 'banned'],
    ['HF_HUB_DISABLE_SSL_VERIFY', 'banned'],
    ['PYTHONUNBUFFERED', null],
    ['uv_system_python', null],
    ['PYTHONWARNINGS', null],
    ['HF_TOKEN', null],
    ['', 'empty'],
    ['1ABC', 'invalid'],
    ['MY-KEY', 'invalid'],
  ])('%s → %s', (key, kind) => {
    expect(secretKeyProblem(key, 'web-app')?.kind ?? null).toBe(kind);
  });

  it('takes a key of 255 characters and says so of a longer one ("at most", not "under")', () => {
    expect(secretKeyProblem(`K${'x'.repeat(254)}`, 'web-app')).toBeNull();
    expect(secretKeyProblem(`K${'x'.repeat(255)}`, 'web-app')).toEqual({
      kind: 'invalid',
      message: 'Use at most 255 characters for the key.',
    });
  });

  it('allows only the two HF keys on integrated-subnet chutes, in any case (the server compares key.upper())', () => {
    expect(isIntegratedSubnetChute('My-Affine-Miner')).toBe(true);
    expect(isIntegratedSubnetChute('web-app')).toBe(false);
    expect(secretKeyProblem('HF_TOKEN', 'babelbit-1')).toBeNull();
    expect(secretKeyProblem('HUGGING_FACE_HUB_TOKEN', 'turbovision')).toBeNull();
    expect(secretKeyProblem('hf_token', 'turbovision')).toBeNull();
    expect(secretKeyProblem('Hugging_Face_Hub_Token', 'affine')).toBeNull();
    expect(secretKeyProblem('HF_TOKENS', 'turbovision')?.kind).toBe('subnet-only');
    expect(secretKeyProblem('API_KEY', 'affine')?.kind).toBe('subnet-only');
    // Banned comes first, as on the server.
    expect(secretKeyProblem('LD_X', 'affine')?.kind).toBe('banned');
  });

  it('agrees with the sandbox on any key', () => {
    const parts = fc.constantFrom(
      'python',
      'PYTHON',
      'sglang',
      'sgl_',
      'SGL_',
      'ld_',
      'LD_',
      'HTTP_PROXY',
      'https_proxy',
      'UV_SYSTEM_PYTHON',
      'PYTHONIOENCODING',
      'X',
      '_',
      'hf',
      '1',
    );
    fc.assert(
      fc.property(fc.array(parts, { minLength: 1, maxLength: 4 }), (pieces) => {
        const key = pieces.join('');
        expect(bannedKeyReason(key) !== null).toBe(secretKeyBanned(key));
      }),
      { numRuns: 500 },
    );
  });

  it('writes CLI commands without any value', () => {
    expect(cliCommand.create('c-1', 'HF_TOKEN')).toBe(
      "chutes secrets create --purpose c-1 --key HF_TOKEN --value '<value>'",
    );
    expect(cliCommand.delete(['a', 'b'])).toBe('chutes secrets delete a\nchutes secrets delete b');
  });
});
