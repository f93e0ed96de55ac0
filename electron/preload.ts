import { contextBridge, ipcRenderer } from 'electron';
import type { Channel, ChutesApi } from '../shared/ipc-contract';
import { ipcChannel } from '../shared/ipc-names';

// The channel names, taken from the contract at build time (electron.vite.config.ts), so the
// sandboxed preload carries no schemas: main validates every payload anyway.
declare const __CHUTES_CHANNELS__: readonly Channel[];

// One function per contract channel; the page never gets ipcRenderer itself.
const api = Object.fromEntries(
  __CHUTES_CHANNELS__.map((channel) => [channel, (input: unknown) => ipcRenderer.invoke(ipcChannel(channel), input)]),
) as unknown as ChutesApi;

contextBridge.exposeInMainWorld('chutes', Object.freeze(api));
