import type { RegistrationResult } from '../../../../shared/registration';

/** A registration's answer as main hands it to the Done step (fingerprint included, shown once). */
export const REGISTRATION_RESULT: RegistrationResult = {
  baseUrl: 'http://127.0.0.1:8787',
  username: 'ivan',
  userId: '00000000-0000-0000-0000-000000000001',
  hotkey: '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY',
  coldkey: '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty',
  paymentAddress: '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty',
  createdAt: '2026-12-06T15:00:00Z',
  fingerprint: 'fp-shown-once',
  profile: null,
  profileProblem: null,
};
