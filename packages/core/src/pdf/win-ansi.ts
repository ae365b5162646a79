// The PDF standard fonts (Helvetica, Courier) can only show the 218 characters of WinAnsiEncoding
// (Windows-1252): ASCII, Latin-1, and the typographic extras that policies are full of (curly
// quotes, en and em dashes, bullets, the ellipsis, €). Anything else is replaced here, never
// thrown on: a policy pasted from Word must always print, and the stored text keeps the original.

/** Windows-1252's 0x80–0x9F block, by Unicode code point. */
const HIGH_BLOCK: Record<number, number> = {
  8364: 0x80,
  8218: 0x82,
  402: 0x83,
  8222: 0x84,
  8230: 0x85,
  8224: 0x86,
  8225: 0x87,
  710: 0x88,
  8240: 0x89,
  352: 0x8a,
  8249: 0x8b,
  338: 0x8c,
  381: 0x8e,
  8216: 0x91,
  8217: 0x92,
  8220: 0x93,
  8221: 0x94,
  8226: 0x95,
  8211: 0x96,
  8212: 0x97,
  732: 0x98,
  8482: 0x99,
  353: 0x9a,
  8250: 0x9b,
  339: 0x9c,
  382: 0x9e,
  376: 0x9f,
};

/** Look-alikes for characters people paste that the fonts lack: same meaning, plain glyphs. */
const LOOK_ALIKES: Record<number, string> = {
  8208: '-', // hyphen
  8209: '-', // non-breaking hyphen
  8210: '–', // figure dash
  8213: '—', // horizontal bar
  8722: '-', // minus sign
  8259: '-', // hyphen bullet
  8242: "'", // prime
  8243: '"', // double prime
  8219: '‘',
  8223: '“',
  8228: '.',
  8231: '·',
  8729: '·',
  9642: '•',
  9679: '•',
  9702: '•',
  8227: '•',
  8592: '<-',
  8594: '->',
  8596: '<->',
  8658: '=>',
  8804: '<=',
  8805: '>=',
  8800: '!=',
  8776: '~',
  10005: 'x',
  10007: 'x',
  8470: 'No.',
  // Letters with a stroke have no decomposition to fall back on.
  321: 'L',
  322: 'l',
  272: 'D',
  273: 'd',
  294: 'H',
  295: 'h',
  305: 'i',
  358: 'T',
  359: 't',
  8531: '1/3',
  8532: '2/3',
};

/** Unicode's spaces (non-breaking, thin, ideographic...) all print as a space. */
const isSpace = (cp: number) =>
  cp === 0x09 ||
  cp === 0xa0 ||
  (cp >= 0x2000 && cp <= 0x200a) ||
  cp === 0x202f ||
  cp === 0x205f ||
  cp === 0x3000;
/** Invisible: zero-width characters, soft hyphens, the byte-order mark, direction marks. */
const isInvisible = (cp: number) =>
  cp === 0xad || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2060 && cp <= 0x2064) || cp === 0xfeff;

function codeOf(cp: number): number | undefined {
  if (cp >= 0x20 && cp <= 0x7e) return cp;
  if (cp >= 0xa1 && cp <= 0xff) return cp;
  return HIGH_BLOCK[cp];
}

export interface WinAnsiText {
  /** One char per byte (char codes 0–255), ready to measure and to write into a content stream. */
  bytes: string;
  /** How many characters could not be shown as themselves and were replaced by "?" or a look-alike. */
  replaced: number;
}

const cache = new Map<string, string>();

/**
 * Encodes text for the standard fonts. Line breaks are not handled here (layout splits on them
 * first); any other control character is dropped. Never throws.
 */
export function toWinAnsi(text: string): WinAnsiText {
  let bytes = '';
  let replaced = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const code = codeOf(cp);
    if (code !== undefined) {
      bytes += String.fromCharCode(code);
      continue;
    }
    if (isSpace(cp)) {
      bytes += ' ';
      continue;
    }
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || isInvisible(cp)) continue;
    replaced++;
    bytes += substitute(ch, cp);
  }
  return { bytes, replaced };
}

function substitute(ch: string, cp: number): string {
  const known = cache.get(ch);
  if (known !== undefined) return known;
  let out = '?';
  const alike = LOOK_ALIKES[cp];
  if (alike !== undefined) {
    out = [...alike].map((c) => String.fromCharCode(codeOf(c.codePointAt(0)!) ?? 0x3f)).join('');
  } else {
    // Accented letters outside Latin-1 (ő, ł, ğ, ș) and ligatures (ﬁ): their compatibility
    // decomposition without the combining marks, when every part of it can be shown.
    const parts = [...ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')].map((c) =>
      codeOf(c.codePointAt(0)!),
    );
    if (parts.length > 0 && parts.every((c) => c !== undefined))
      out = String.fromCharCode(...(parts as number[]));
  }
  if (cache.size < 2000) cache.set(ch, out);
  return out;
}
