/** Types for scripts/private-keyring.mjs, for the TypeScript test fixtures that use it. */
export declare const UNLOCK: string;
export declare function insidePrivateKeyring(): boolean;
export declare function unlockKeyring(env?: NodeJS.ProcessEnv, cwd?: string): void;
export declare function keyringDaemonPids(xdgDataHome: string | undefined): number[];
