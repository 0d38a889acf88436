import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Coverage } from './glyph-coverage';

// Every string a document prints passes through printableText once, in pdf-service.ts, whatever builder
// made it. The embedded CJK font has no emoji and lacks rare characters; pdfkit would draw an empty box
// (☒) and the record would lose what was written. Emoji become 〔表情〕; any other character the font
// cannot draw becomes its code point (〔U+2A6D6〕), so a clerk can still tell what the person wrote.

export const EMOJI_PLACEHOLDER = '〔表情〕';

// One emoji as a person sees it: a flag (two regional indicators), a keycap, or a pictograph with its
// skin tone, presentation selector, tag sequence and ZWJ-joined parts (👨‍👩‍👧 is one 〔表情〕, not three).
const EMOJI =
  /\p{RI}\p{RI}|[0-9#*]\uFE0F?\u20E3|\p{Extended_Pictographic}(?:\p{EMod}|\uFE0F|[\u{E0020}-\u{E007F}])*(?:\u200D\p{Extended_Pictographic}(?:\p{EMod}|\uFE0F)*)*/gu;
// Invisible format characters (ZWJ, variation selectors, BOM, soft hyphen) and controls other than line
// breaks and tabs print nothing useful; a lone one would print as a box.
const INVISIBLE = /[\p{Cf}\uFE00-\uFE0F\u{E0100}-\u{E01EF}]|[^\P{Cc}\n\t]/gu;

const codePointLabel = (cp: number): string => `〔U+${cp.toString(16).toUpperCase().padStart(4, '0')}〕`;

export function printableText(text: string, covers: Coverage): string {
  // Fast path: nearly every string is plain Chinese and ASCII the font has.
  let plain = true;
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    if (u === 13 || (u >= 0xd800 && u <= 0xdfff) || (u !== 10 && u !== 9 && !covers(u))) {
      plain = false;
      break;
    }
  }
  if (plain) return text;
  const emojiFree = text
    .replace(/\r\n?/g, '\n')
    .replace(EMOJI, (seq) => {
      // A pictograph the font does draw as text (©, ™, ★, ✓) stays, without its emoji selector.
      const cps = [...seq].filter((c) => c !== '\uFE0F');
      return cps.length === 1 && covers(cps[0]!.codePointAt(0)!) ? cps[0]! : EMOJI_PLACEHOLDER;
    })
    .replace(INVISIBLE, '');
  let out = '';
  for (const ch of emojiFree) {
    const cp = ch.codePointAt(0)!;
    out += cp === 10 || cp === 9 || covers(cp) ? ch : codePointLabel(cp);
  }
  return out;
}

type Node = Content | Content[] | Record<string, unknown> | string | number | boolean | null | undefined;

/** Rewrites every `text` in a content tree (cells, stacks, columns, lists) through printableText. */
function walk(node: Node, covers: Coverage): Node {
  if (typeof node === 'string') return printableText(node, covers);
  if (Array.isArray(node)) return node.map((n) => walk(n as Node, covers)) as Content[];
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    // Images, canvases, QR data and layout functions carry no printed characters.
    if (k === 'text' || k === 'stack' || k === 'columns' || k === 'ul' || k === 'ol') out[k] = walk(v as Node, covers);
    else if (k === 'table' && v && typeof v === 'object') out[k] = { ...(v as object), body: walk((v as { body: Node }).body, covers) };
    else out[k] = v;
  }
  return out;
}

export function printableDocument(def: TDocumentDefinitions, covers: Coverage): TDocumentDefinitions {
  const fn = <A extends unknown[]>(f: unknown): unknown =>
    typeof f === 'function' ? (...args: A) => walk((f as (...a: A) => Node)(...args), covers) : walk(f as Node, covers);
  return {
    ...def,
    content: walk(def.content as Node, covers) as Content,
    ...(def.header ? { header: fn(def.header) as TDocumentDefinitions['header'] } : {}),
    ...(def.footer ? { footer: fn(def.footer) as TDocumentDefinitions['footer'] } : {}),
  };
}
