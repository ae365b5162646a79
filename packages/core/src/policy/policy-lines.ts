import { collapseWhitespace } from './text.ts';

/** One physical line (or one piece of a line holding several bullets), classified. */
export type PolicyLine =
  | { kind: 'blank'; lineNo: number }
  | { kind: 'heading'; text: string; level: number; lineNo: number }
  | { kind: 'item'; text: string; indent: number; style: string; lineNo: number; inline: boolean }
  | { kind: 'text'; text: string; raw: string; indent: number; lineNo: number; inline: boolean };

// Glyph bullets as Word exports them, Symbol-font private-use bullets included.
const GLYPHS = '•·▪◦●■‣⁃►➢✓✔\uf0b7\uf0a7\uf0d8\uf076\uf0fc';
const GLYPH_BULLET = new RegExp(`^([${GLYPHS}])\\s*`);
// ASCII bullets need a space after them so "-5" or "**bold**" stay text; `o` is Word's second level.
const ASCII_BULLET = /^([-*+o–—])\s+/;
const DOTTED_NUMBER = /^(\d{1,3}(?:\.\d{1,3})+)\.?\s+/;
// "1.", "1)", "(1)", or a number alone in the first cell of a Word table ("1<TAB>I will…").
const NUMBER = /^(\(?)(\d{1,3})([.)]|(?=\t))\s+/;
const ROMAN = /^(\(?)(ii|iii|iv|vi|vii|viii|ix|xi|xii)([.)])\s+/;
const LETTER = /^(\(?)([a-zA-Z])([.)])\s+/;
// Every pattern here runs in time linear in the line: no nested or adjacent open-ended
// quantifiers that could try a run of spaces or dashes more than one way (a policy file is
// untrusted input, and one crafted line must not hold a Worker for minutes). Lines are also cut
// at MAX_LINE_CHARS before any matching.
export const MAX_LINE_CHARS = 20_000;

// A second bullet glyph inside a line starts another item ("• I will … • I will …"). Split just
// before the glyph (after one whitespace character); the pieces are trimmed afterwards.
const INLINE_BULLET = new RegExp(`(?<=\\s)(?=[${GLYPHS}]\\s)`);
const MARKDOWN_HEADING = /^(#{1,6})\s+(\S.*)$/;
const BOLD_LINE = /^(?:\*\*|__)(.+?)(?:\*\*|__):?$/;
const IMAGE_MARKER = /\[image:[^\]]*\]|!\[[^\]]*\]\([^)]*\)/gi;

/**
 * The rule under a markdown table's header row ("| --- | --- |") and horizontal rules ("***",
 * "___") carry no text. Checked by character classes only, never by a repeated group.
 */
function isRuleLine(raw: string): boolean {
  const t = raw.trim();
  if (t.length < 3) return false;
  if (/^[-|: \t]+$/.test(t)) return /(?:^|[|: \t])-{3,}/.test(t);
  if (/^[* \t]+$/.test(t)) return t.replace(/[ \t]/g, '').length >= 3;
  if (/^[_ \t]+$/.test(t)) return t.replace(/[ \t]/g, '').length >= 3;
  return false;
}

/** "# Heading ##" → "Heading": the closing hashes and spaces are trimmed without a regex. */
function headingText(text: string): string {
  let end = text.length;
  while (end > 0 && /[\s#]/.test(text[end - 1]!)) end--;
  return text.slice(0, end);
}

function indentWidth(whitespace: string): number {
  let width = 0;
  for (const ch of whitespace) width += ch === '\t' ? 4 : 1;
  return width;
}

interface Marker {
  style: string;
  rest: string;
}

interface LetterMemory {
  lastLetter: Map<string, string>;
}

function readOneMarker(text: string, memory: LetterMemory): Marker | null {
  const glyph = GLYPH_BULLET.exec(text);
  if (glyph?.[1]) return { style: glyph[1], rest: text.slice(glyph[0].length) };
  const ascii = ASCII_BULLET.exec(text);
  if (ascii?.[1]) return { style: ascii[1] === '—' ? '–' : ascii[1], rest: text.slice(ascii[0].length) };
  const dotted = DOTTED_NUMBER.exec(text);
  if (dotted?.[1]) {
    const depth = dotted[1].split('.').length;
    return { style: `num-${depth}`, rest: text.slice(dotted[0].length) };
  }
  // "1." and "2)" in one list are the same level; only a bracketed "(1)" is told apart.
  const number = NUMBER.exec(text);
  if (number) return { style: number[1] ? 'num()' : 'num', rest: text.slice(number[0].length) };
  const roman = ROMAN.exec(text);
  if (roman?.[2]) {
    const form = roman[1] ? '()' : '';
    memory.lastLetter.set(`roman${form}`, roman[2]);
    return { style: `roman${form}`, rest: text.slice(roman[0].length) };
  }
  const letter = LETTER.exec(text);
  if (letter?.[2]) {
    const form = letter[1] ? '()' : '';
    const ch = letter[2];
    const lower = ch.toLowerCase();
    const family = ch === lower ? 'alpha' : 'ALPHA';
    const previousLetter = memory.lastLetter.get(`${family}${form}`);
    const previousRoman = memory.lastLetter.get(`roman${form}`);
    // "i)" opens a roman list unless it follows "h)"; "v)" and "x)" are roman only after "iv)"/"ix)".
    const isRoman =
      family === 'alpha' &&
      ((lower === 'i' && previousLetter !== 'h') ||
        (lower === 'v' && previousRoman === 'iv') ||
        (lower === 'x' && previousRoman === 'ix'));
    const style = isRoman ? `roman${form}` : `${family}${form}`;
    memory.lastLetter.set(style, lower);
    return { style, rest: text.slice(letter[0].length) };
  }
  return null;
}

function readMarker(text: string, memory: LetterMemory): Marker | null {
  const first = readOneMarker(text, memory);
  if (!first) return null;
  // "- o Mobile phone calls…": Word's nested bullet exported after its parent's dash.
  const glyph = GLYPH_BULLET.exec(first.rest) ?? ASCII_BULLET.exec(first.rest);
  if (glyph?.[1] && !first.style.startsWith('num') && !/alpha|ALPHA|roman/.test(first.style)) {
    return { style: `${first.style}${glyph[1]}`, rest: first.rest.slice(glyph[0].length) };
  }
  return first;
}

/** Splits a document into classified lines: bullets and numbers read, image markers dropped. */
export function readLines(source: string): PolicyLine[] {
  const text = source
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(IMAGE_MARKER, '');
  const memory: LetterMemory = { lastLetter: new Map() };
  const out: PolicyLine[] = [];
  text.split('\n').forEach((whole, i) => {
    const raw = whole.length > MAX_LINE_CHARS ? whole.slice(0, MAX_LINE_CHARS) : whole;
    const lineNo = i + 1;
    const leading = /^[\s\u00a0]*/.exec(raw)?.[0] ?? '';
    const indent = indentWidth(leading);
    const body = raw.slice(leading.length);
    if (isRuleLine(raw)) return;
    if (collapseWhitespace(body).length === 0) {
      out.push({ kind: 'blank', lineNo });
      return;
    }
    const heading = MARKDOWN_HEADING.exec(body);
    const headingBody = heading?.[2] ? headingText(heading[2]) : '';
    if (heading?.[1] && headingBody) {
      out.push({ kind: 'heading', text: headingBody, level: heading[1].length, lineNo });
      return;
    }
    const bold = BOLD_LINE.exec(body.trim());
    if (bold?.[1]) {
      out.push({ kind: 'heading', text: bold[1], level: 0, lineNo });
      return;
    }
    const marker = readMarker(body, memory);
    const content = marker ? marker.rest : body;
    const pieces = content
      .split(INLINE_BULLET)
      .map((piece, p, all) => (p < all.length - 1 ? piece.trimEnd() : piece));
    pieces.forEach((piece, p) => {
      if (p === 0) {
        if (marker) {
          if (collapseWhitespace(piece).length > 0) {
            out.push({ kind: 'item', text: piece, indent, style: marker.style, lineNo, inline: false });
          }
        } else {
          out.push({ kind: 'text', text: piece, raw, indent, lineNo, inline: false });
        }
        return;
      }
      const glyph = GLYPH_BULLET.exec(piece);
      const rest = glyph ? piece.slice(glyph[0].length) : piece;
      if (collapseWhitespace(rest).length === 0) return;
      // A second bullet on a line is a sibling of the first, or opens a list after a heading.
      const style = marker?.style ?? glyph?.[1] ?? '•';
      out.push({ kind: 'item', text: rest, indent, style, lineNo, inline: true });
    });
  });
  return out;
}
