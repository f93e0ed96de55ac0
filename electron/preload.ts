import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, ipcChannel, type ChutesApi } from '../shared/ipc-contract';

// One function per contract channel; the page never gets ipcRenderer itself.
const api = Object.fromEntries(
  CHANNELS.map((channel) => [channel, (input: unknown) => ipcRenderer.invoke(ipcChannel(channel), input)]),
) as unknown as ChutesApi;

contextBridge.exposeInMainWorld('chutes', Object.freeze(api));
