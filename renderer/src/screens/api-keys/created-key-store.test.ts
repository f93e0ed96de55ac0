import { describe, expect, it } from 'vitest';
import type { ApiKeyView, CreatedApiKey } from '../../../../shared/api-keys';
import { dropDraft, keepDraft, readDraft, type KeyDraft } from './create-key-drafts';
import { currentCreatedKeys, forgetKeys, holdCreatedKey, releaseCreatedKey, trackCreate } from './created-key-store';

const key = (id: string, name = id): ApiKeyView => ({ id, name }) as ApiKeyView;
const created = (id: string): CreatedApiKey => ({ key: key(id), secret: `cpk_${id}` });
const account = { profileId: 'p', username: 'alice', baseUrl: 'https://api.chutes.ai' };
const snapshot = currentCreatedKeys;

describe('created keys and rotations', () => {
  it('remembers a rotation until its old or new key is deleted', async () => {
    let answer: (v: CreatedApiKey) => void = () => undefined;
    const request = trackCreate(new Promise<CreatedApiKey>((r) => (answer = r)), { form: 'rotate:p:old', name: 'new' });
    expect(snapshot()).toMatchObject({ inFlight: 1 });
    expect(snapshot().sending.get('rotate:p:old')).toBe('new');
    answer(created('new'));
    await request;
    expect(snapshot().inFlight).toBe(0);
    expect(snapshot().sending.has('rotate:p:old')).toBe(false);
    holdCreatedKey({ created: created('new'), account, replaces: { id: 'old', name: 'old' } });
    releaseCreatedKey('new');
    expect(snapshot().pending).toEqual([]);
    expect(snapshot().replaced.get('old')?.id).toBe('new');
    // The replacement deleted by hand: "delete the old key" must not be offered any more.
    forgetKeys(['new']);
    expect(snapshot().replaced.has('old')).toBe(false);
  });
});

describe('create-key drafts', () => {
  const draft = (name: string): KeyDraft => ({ name, admin: false, rows: [], tab: 'editor', jsonText: '' });
  it('a create drops the draft it sent, not one typed since in a newer form', () => {
    keepDraft('new:p', draft('a'));
    const sent = readDraft('new:p');
    keepDraft('new:p', draft('b'));
    dropDraft('new:p', sent);
    expect(readDraft('new:p')?.name).toBe('b');
    dropDraft('new:p', readDraft('new:p'));
    expect(readDraft('new:p')).toBeUndefined();
  });
});
