// Public surface of the Chutes API sandbox for vitest specs and Playwright fixtures.

export { startSandbox, MAX_BODY_BYTES } from './server';
export type { SandboxHandle, SandboxOptions } from './server';
export type { Faults } from './context';
export type { LoggedRequest } from './request-log';
export type { UsageInput, UserSummary } from './control';
