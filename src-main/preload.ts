import { contextBridge, ipcRenderer } from 'electron';
import type { BridgeChannel, BridgeInput, BridgeResult, JiesuBridge } from '../src-shared/bridge';
import { IPC_EVENT_CHANNEL, IPC_PREFIX } from './ipc-channels';

// The sandboxed preload exposes exactly one object, `window.jiesu`, typed by the shared bridge contract
// (after Actual Budget's preload: `satisfies` the declared type). It forwards calls with ipcRenderer.invoke
// and never hands ipcRenderer or any Electron object to the page.

type HostEvent = Parameters<JiesuBridge['on']>[0];
const HOST_EVENTS: readonly HostEvent[] = ['backup.due', 'intake.open', 'navigate'];

const bridge = {
  call<C extends BridgeChannel>(channel: C, input: BridgeInput<C>): Promise<BridgeResult<C>> {
    return ipcRenderer.invoke(`${IPC_PREFIX}${channel}`, input) as Promise<BridgeResult<C>>;
  },
  on(event: HostEvent, listener: (payload: unknown) => void): () => void {
    if (!HOST_EVENTS.includes(event)) return () => undefined;
    const forward = (_e: unknown, name: unknown, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward);
    };
  },
} satisfies JiesuBridge;

contextBridge.exposeInMainWorld('jiesu', bridge);
