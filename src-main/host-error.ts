import { bridgeError, type BridgeError } from '../src-shared/bridge';
import type { MessageCode } from '../src-shared/i18n/validation';

// A failure a handler reports to the page: a code of the shared message catalogue and its parameters
// (src-shared/i18n/messages/), rendered in each language as a sentence that says what to do next. The
// dispatcher turns it into `{ ok: false, error }`; anything else becomes `host.internal`.

export class HostError extends Error {
  readonly bridgeError: BridgeError;
  constructor(code: MessageCode, detail?: object);
  /** A BridgeError said elsewhere, relayed as it is: `HostError.from` says so at the call site. */
  constructor(relayed: BridgeError);
  constructor(code: MessageCode | BridgeError, detail?: object) {
    const error = typeof code === 'string' ? bridgeError(code, detail) : code;
    super(error.message.en);
    this.name = 'HostError';
    this.bridgeError = error;
  }

  /** Relays a BridgeError said elsewhere (the server refusing a join, a backup file's refusal) as it is. */
  static from(error: BridgeError): HostError {
    return new HostError(error);
  }
}
