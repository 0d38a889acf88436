import { existsSync, renameSync, unlinkSync } from 'node:fs';
import type { LogMessage, NodeLogger } from 'electron-log';

// Logs with rotation and no secrets (issue 6): every message passes `redactValue` before any transport
// writes it, so a desk token, PIN, password or key never reaches a log file even when logged by mistake.

const SECRET_KEY = /(token|password|passwd|secret|fieldkey|apikey|authorization|cookie|enrolmentcode)|pin(hash|code)?$/i;
const REDACTED = '[已隐去 redacted]';

const TEXT_PATTERNS: [RegExp, string][] = [
  // Authorization: Bearer xxx
  [/\b(bearer)\s+[A-Za-z0-9._~+/=-]{6,}/gi, `$1 ${REDACTED}`],
  // JSON or query style: "deskToken":"…", pin=1234, password: hunter2
  [/("?[A-Za-z_]*(?:token|pin|password|secret|fieldKey|enrolmentCode)"?\s*[:=]\s*)("[^"]*"|[^\s&,;}"]+)/gi, `$1${REDACTED}`],
  // One-time enrolment codes such as K7QM-3XWA-PZ9D, wherever they appear.
  [/\b[A-Z0-9]{4}(?:-[A-Z0-9]{4}){2,}\b/g, REDACTED],
];

export function redactSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of TEXT_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    const e = new Error(redactSecrets(value.message));
    e.name = value.name;
    e.stack = value.stack ? redactSecrets(value.stack) : undefined;
    return e;
  }
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? REDACTED : redactValue(v, depth + 1)]));
}

/** Keeps `main.log` plus `keep` older files `main.1.log` … (newest first). */
export function rotateLogFiles(file: string, keep: number): void {
  const numbered = (n: number) => file.replace(/\.log$/, `.${n}.log`);
  if (existsSync(numbered(keep))) unlinkSync(numbered(keep));
  for (let n = keep - 1; n >= 1; n--) if (existsSync(numbered(n))) renameSync(numbered(n), numbered(n + 1));
  if (existsSync(file)) renameSync(file, numbered(1));
}

export interface LogOptions {
  file: string;
  maxBytes?: number;
  keep?: number;
}

export function configureLog(logger: NodeLogger, options: LogOptions): NodeLogger {
  const keep = options.keep ?? 5;
  logger.transports.file.resolvePathFn = () => options.file;
  logger.transports.file.maxSize = options.maxBytes ?? 5 * 1024 * 1024;
  logger.transports.file.archiveLogFn = (old) => rotateLogFiles(old.path, keep);
  logger.hooks.push((message: LogMessage) => ({ ...message, data: message.data.map((d: unknown) => redactValue(d)) }));
  return logger;
}
