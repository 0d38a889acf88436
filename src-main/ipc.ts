import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { bridgeError, bridgeInputs, type BridgeChannel, type BridgeHandlers, type BridgeResult } from '../src-shared/bridge';
import { dispatchBridgeCall, type DispatchLog } from './dispatch';
import { IPC_PREFIX } from './ipc-channels';
import { isOwnPage } from './security';

// The only module that touches ipcMain (docs/architecture.md): one `handle` per bridge channel, each refusing calls
// that do not come from the top frame of our own renderer, then dispatching to the plain handlers.

type SenderFrame = { url: string; parent: unknown } | null | undefined;

export function isTrustedSender(frame: SenderFrame, rendererOrigin: string): boolean {
  if (!frame) return false;
  return frame.parent === null && isOwnPage(frame.url, rendererOrigin);
}

const untrusted: BridgeResult<BridgeChannel> = {
  ok: false,
  error: bridgeError('bridge.sender'),
};

export function registerBridgeIpc(handlers: BridgeHandlers, rendererOrigin: string, log?: DispatchLog & { warn(...d: unknown[]): void }): () => void {
  const channels = Object.keys(bridgeInputs) as BridgeChannel[];
  for (const channel of channels) {
    ipcMain.handle(`${IPC_PREFIX}${channel}`, async (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isTrustedSender(event.senderFrame, rendererOrigin)) {
        log?.warn(`refused ${channel} from ${String(event.senderFrame?.url ?? 'unknown frame').slice(0, 200)}`);
        return untrusted;
      }
      return dispatchBridgeCall(handlers, channel, input, log);
    });
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(`${IPC_PREFIX}${channel}`);
  };
}
