import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/errors';
import { registrationFailure } from './registration-failures';

const at = { host: 'api.example', username: 'carol', hotkey: '5Hk', hotkeyName: 'hk1', coldkey: '5Ck' };
const refused = (serverDetail: string) =>
  new AppFailure('conflict', serverDetail, { status: 409, serverDetail }, 'username-taken');

describe('registrationFailure', () => {
  it('tells a name held by a pending registration from one an account has (both: choose another)', () => {
    const reserved = registrationFailure(
      refused('Username carol is reserved by a pending registration. Please choose another.'),
      at,
    ) as AppFailure;
    expect(reserved.message).toBe('The username “carol” is reserved on api.example by a registration still pending.');
    expect(reserved.reason).toBe('username-taken');
    const taken = registrationFailure(
      refused('Username carol already exists, sorry! Please choose another.'),
      at,
    ) as AppFailure;
    expect(taken.message).toBe('The username “carol” is already taken on api.example.');
    expect(taken.appError.detail?.hint).toContain('choose another one');
  });

  it('for a name with “_”, says the server’s match takes it for any one character (a similar name may be the one taken)', () => {
    const taken = registrationFailure(refused('Username dash_ok already exists, sorry! Please choose another.'), {
      ...at,
      username: 'dash_ok',
    }) as AppFailure;
    expect(taken.message).toBe(
      'The username “dash_ok” is already taken on api.example (an underscore matches any one character there, so a similar name such as “dash-ok” may be the one taken).',
    );
  });
});
