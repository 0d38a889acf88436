import { z } from 'zod';
import type { NewEvent } from './domain/events';
import type { EnrolResponse } from './sync/contract';
import { messageFor, type MessageCode } from './i18n/validation';

// The one typed API the renderer may call on its host (docs/architecture.md §The host bridge and the browser shell).
// The Electron preload exposes it with contextBridge; the browser shell serves the same handlers over
// HTTP on 127.0.0.1. Both `satisfies JiesuBridge`. Every call's input is validated with the schema below
// on the host side before any handler runs (validated IPC).

export const DOCUMENT_IDS = ['registration', 'notice', 'callback', 'archive', 'summary', 'daily_quality', 'regulation'] as const;
export type DocumentId = (typeof DOCUMENT_IDS)[number];

const jsonObject = z.record(z.string(), z.unknown());
/** A desk profile (`?desk=`; each has its own store and its own server link). */
const deskProfile = z.string().regex(/^[A-Za-z0-9_.-]{1,80}$/);

export const bridgeInputs = {
  'app.info': z.strictObject({}),
  'notify.show': z.strictObject({
    title: z.string().min(1).max(200),
    body: z.string().max(1000),
    urgency: z.enum(['info', 'warning', 'critical']),
    caseId: z.string().max(64).optional(),
    /** Roles the escalation ladder addressed; shown in the notification. */
    roles: z.array(z.string().max(64)).max(20).optional(),
  }),
  'settings.get': z.strictObject({}),
  'settings.set': z.strictObject({
    serverUrl: z.string().url().max(500).optional().or(z.literal('')),
    /** Backups are sealed with a key derived from it (src-main/backup-crypto.ts); only the key is kept. */
    backupPassphrase: z.string().max(200).optional(),
    /** Replacing a passphrase needs the one in force, so only whoever set it can change what backups open with. */
    currentBackupPassphrase: z.string().max(200).optional(),
    printer: z.string().max(200).optional(),
    silentPrint: z.boolean().optional(),
    archiveFolder: z.string().max(1000).optional(),
    backupFolder: z.string().max(1000).optional(),
    backupEveryHours: z.number().int().min(1).max(168).optional(),
    backupKeep: z.number().int().min(1).max(100).optional(),
    language: z.enum(['zh-CN', 'en']).optional(),
    startAtLogin: z.boolean().optional(),
  }),
  'documents.render': z.strictObject({
    document: z.enum(DOCUMENT_IDS),
    /** Data the builder needs (case state, events, policy, organisation, period figures), as plain JSON. */
    data: jsonObject,
  }),
  'documents.print': z.strictObject({
    document: z.enum(DOCUMENT_IDS),
    data: jsonObject,
    /** The preview's render (documents.render's renderId): the host prints those very bytes, not a new render. */
    renderId: z.string().max(64).optional(),
    printer: z.string().max(200).optional(),
    silent: z.boolean().optional(),
    copies: z.number().int().min(1).max(50).optional(),
  }),
  'documents.save': z.strictObject({
    document: z.enum(DOCUMENT_IDS),
    data: jsonObject,
    /** Case number or period label; becomes the archive sub-folder. */
    folder: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  }),
  'printers.list': z.strictObject({}),
  'backup.write': z.strictObject({
    /** Serialised desk export (events + configuration) produced by the renderer's data layer. */
    content: z.string().max(2_000_000_000),
    manual: z.boolean(),
  }),
  'backup.list': z.strictObject({}),
  'backup.read': z.strictObject({
    name: z.string().regex(/^[A-Za-z0-9_.-]{1,120}$/),
    /** The passphrase a backup from another machine was sealed with; this desk's own backups open without it. */
    passphrase: z.string().max(200).optional(),
  }),
  /** A backup file the person chose (read by the page as base64), opened on an empty desk to restore it. */
  'backup.open': z.strictObject({
    file: z.base64().max(2_000_000_000),
    passphrase: z.string().max(200).optional(),
  }),
  /**
   * Joins the desk profile to a server with a one-time code. The host enrols and keeps the desk token; the
   * answer carries everything of the enrolment except the token (src-main/desk-link.ts).
   */
  'sync.enrol': z.strictObject({
    profile: deskProfile,
    serverUrl: z.string().url().max(500),
    code: z.string().min(1).max(64),
    deskName: z.string().max(100).optional(),
  }),
  /** An older desk's token, moved out of the page's store on first start (the page deletes its copy then). */
  'sync.adopt': z.strictObject({ profile: deskProfile, serverUrl: z.string().url().max(500), token: z.string().min(1).max(500) }),
  /** Where the profile's sync requests go, or null when it has not joined a server. */
  'sync.link': z.strictObject({ profile: deskProfile }),
  /** The desk's current count of warning and breached cases, shown on the tray icon (added by the desktop shell). */
  'tray.update': z.strictObject({ warning: z.number().int().min(0).max(1_000_000), breached: z.number().int().min(0).max(1_000_000) }),
  /**
   * The desk's field key (32 random bytes, base64; src-main/settings.ts), which the page imports as a
   * non-extractable key to keep confidential identities and bodies encrypted at rest (src-renderer/data/at-rest-crypto.ts).
   */
  'desk.fieldKey': z.strictObject({}),
} as const;

export type BridgeChannel = keyof typeof bridgeInputs;
export type BridgeInput<C extends BridgeChannel> = z.input<(typeof bridgeInputs)[C]>;

export interface DeskSettings {
  serverUrl: string;
  /** True when the administrator has set the passphrase backups are sealed with (the passphrase never comes back). */
  hasBackupPassphrase: boolean;
  printer: string;
  silentPrint: boolean;
  archiveFolder: string;
  backupFolder: string;
  backupEveryHours: number;
  backupKeep: number;
  language: 'zh-CN' | 'en';
  startAtLogin: boolean;
}

export interface BridgeOutputs {
  'app.info': { version: string; host: 'electron' | 'web'; dataFolder: string };
  'notify.show': { shown: boolean };
  'settings.get': DeskSettings;
  'settings.set': DeskSettings;
  /** `renderId` names these bytes for a documents.print of the same preview. */
  'documents.render': { pdfBase64: string; pages: number; fileName: string; renderId: string };
  'documents.print': {
    printed: boolean;
    printer?: string;
    /** case.document_printed events for the renderer to append, one per case the document covers (added by documents). */
    events?: { caseId: string; event: NewEvent }[];
  };
  'documents.save': { path: string };
  'printers.list': { name: string; isDefault: boolean }[];
  'backup.write': { name: string; bytes: number };
  'backup.list': { name: string; bytes: number; at: number; manual: boolean }[];
  'backup.read': { content: string };
  'backup.open': { content: string };
  'tray.update': { shown: boolean };
  'desk.fieldKey': { key: string };
  'sync.enrol': Omit<EnrolResponse, 'token'> & DeskLink;
  'sync.adopt': DeskLink | null;
  'sync.link': DeskLink | null;
}

/** What the page knows of its server link: the server, and where to send sync requests (never the token). */
export interface DeskLink {
  serverUrl: string;
  /** The server itself (Electron adds the token in webRequest) or the browser shell's relay, `/sync/<profile>`. */
  syncUrl: string;
}

/** A host error the renderer can show: a message key plus sentences in both languages. */
export interface BridgeError {
  code: string;
  message: { 'zh-CN': string; en: string };
}

/** The BridgeError of a code of the shared message catalogue, its sentences rendered with `detail`. */
export function bridgeError(code: MessageCode, detail?: object): BridgeError {
  return { code, message: messageFor(code, '', detail) };
}

export type BridgeResult<C extends BridgeChannel> = { ok: true; value: BridgeOutputs[C] } | { ok: false; error: BridgeError };

/** The single object the page sees as `window.jiesu`. */
export interface JiesuBridge {
  call<C extends BridgeChannel>(channel: C, input: BridgeInput<C>): Promise<BridgeResult<C>>;
  /** Host → page events (e.g. 'backup.due', 'app.focus-intake'). Returns an unsubscribe function. */
  on(event: 'backup.due' | 'intake.open' | 'navigate', listener: (payload: unknown) => void): () => void;
}

/** The host side: one plain function per channel, shared by Electron IPC and the browser shell. */
export type BridgeHandlers = { [C in BridgeChannel]: (input: z.infer<(typeof bridgeInputs)[C]>) => Promise<BridgeOutputs[C]> };
