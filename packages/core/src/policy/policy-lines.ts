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
// A second bullet glyph inside a line starts another item ("• I will … • I will …").
const INLINE_BULLET = new RegExp(`\\s+(?=[${GLYPHS}]\\s)`);
const MARKDOWN_HEADING = /^(#{1,6})\s+(.+?)\s*#*\s*$/;
const BOLD_LINE = /^(?:\*\*|__)(.+?)(?:\*\*|__):?$/;
const IMAGE_MARKER = /\[image:[^\]]*\]|!\[[^\]]*\]\([^)]*\)/gi;
// The rule under a markdown table's header row ("| --- | --- |") and horizontal rules carry no text.
const RULE_LINE = /^\s*(?:\|?\s*:?-{3,}:?\s*)+\|?\s*$|^\s*(?:\*\s*){3,}$|^\s*(?:_\s*){3,}$/;

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
  text.split('\n').forEach((raw, i) => {
    const lineNo = i + 1;
    const leading = /^[\s\u00a0]*/.exec(raw)?.[0] ?? '';
    const indent = indentWidth(leading);
    const body = raw.slice(leading.length);
    if (RULE_LINE.test(raw)) return;
    if (collapseWhitespace(body).length === 0) {
      out.push({ kind: 'blank', lineNo });
      return;
    }
    const heading = MARKDOWN_HEADING.exec(body);
    if (heading?.[1] && heading[2]) {
      out.push({ kind: 'heading', text: heading[2], level: heading[1].length, lineNo });
      return;
    }
    const bold = BOLD_LINE.exec(body.trim());
    if (bold?.[1]) {
      out.push({ kind: 'heading', text: bold[1], level: 0, lineNo });
      return;
    }
    const marker = readMarker(body, memory);
    const content = marker ? marker.rest : body;
    const pieces = content.split(INLINE_BULLET);
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
