// IPC channel names shared by ipc.ts (main) and preload.ts, kept free of imports so the sandboxed
// preload bundle stays tiny.
export const IPC_PREFIX = 'jiesu:';
export const IPC_EVENT_CHANNEL = 'jiesu:event';
