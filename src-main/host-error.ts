import type { BridgeError } from '../src-shared/bridge';

// A failure a handler reports to the page: a stable code and a sentence in each language that says what
// to do next. The dispatcher turns it into `{ ok: false, error }`; anything else becomes `host.internal`.

export class HostError extends Error {
  readonly bridgeError: BridgeError;
  constructor(code: string, zh: string, en: string) {
    super(en);
    this.name = 'HostError';
    this.bridgeError = { code, message: { 'zh-CN': zh, en } };
  }
  static from(error: BridgeError): HostError {
    return new HostError(error.code, error.message['zh-CN'], error.message.en);
  }
}
