// Linted as renderer/bad.ts: the renderer talks to its host only through the typed bridge.
import { ipcRenderer } from 'electron';

export const send = () => ipcRenderer.send('x');
