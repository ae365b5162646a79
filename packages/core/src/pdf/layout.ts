import { FONTS, type FontName, widthOf } from './fonts.ts';
import { toWinAnsi } from './win-ansi.ts';

// Lays blocks out on A4 pages and answers each page's content stream (PDF drawing operators, one
// char per byte). Two passes: the body first, then the footers, once the page count is known.

export type PdfBlock =
  | { kind: 'heading'; text: string; level?: 1 | 2 | 3 }
  | { kind: 'paragraph'; text: string; size?: number; bold?: boolean; mono?: boolean; muted?: boolean }
  /** Kept line for line, leading spaces included; a long line wraps under its own text. */
  | { kind: 'preformatted'; text: string; size?: number }
  | { kind: 'fields'; rows: { label: string; value: string; mono?: boolean }[] }
  | {
      kind: 'table';
      /** Widths are shares of the text width; they need not add up to 1. */
      columns: { header: string; width: number; mono?: boolean }[];
      rows: string[][];
      size?: number;
    }
  | { kind: 'space'; height: number }
  | { kind: 'pageBreak' };

export const A4 = { width: 595.28, height: 841.89 } as const;
const MARGIN = { left: 56.7, right: 56.7, top: 56.7, bottom: 76 } as const;
const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
const BLACK = '0.1 0.12 0.15';
const MUTED = '0.36 0.39 0.45';
const RULE = '0.8 0.82 0.85';
const SHADE = '0.94 0.95 0.96';
/** Table cells longer than this many lines are cut (a browser string, a pasted essay). */
const MAX_CELL_LINES = 8;

const num = (n: number) => {
  const s = n.toFixed(2);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
};

/** A PDF literal string of WinAnsi bytes: ASCII as is, everything else as an octal escape. */
function literal(bytes: string): string {
  let out = '(';
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes.charCodeAt(i);
    if (c === 0x28 || c === 0x29 || c === 0x5c) out += `\\${bytes[i]}`;
    else if (c < 0x20 || c > 0x7e) out += `\\${c.toString(8).padStart(3, '0')}`;
    else out += bytes[i];
  }
  return `${out})`;
}

/** Splits encoded text into lines no wider than `width`, breaking at spaces, or inside a word too long for a line. */
export function wrap(bytes: string, font: FontName, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  const fits = (s: string) => widthOf(s, font, size) <= width;
  for (const word of bytes.split(' ')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    line = '';
    let rest = word;
    while (!fits(rest)) {
      let cut = 1;
      while (cut < rest.length && fits(rest.slice(0, cut + 1))) cut++;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  lines.push(line);
  return lines;
}

interface TextStyle {
  font: FontName;
  size: number;
  colour?: string;
}

export interface LaidOut {
  /** Each page's content stream. */
  pages: string[];
  /** Characters the fonts could not show (replaced by a look-alike or "?"). */
  replaced: number;
}

export function layOut(blocks: PdfBlock[], footer: string[]): LaidOut {
  const pages: string[][] = [];
  let ops: string[] = [];
  let y = 0;
  let replaced = 0;
  const encode = (text: string) => {
    const e = toWinAnsi(text);
    replaced += e.replaced;
    return e.bytes;
  };
  const newPage = () => {
    ops = [];
    pages.push(ops);
    y = A4.height - MARGIN.top;
  };
  const atTop = () => y === A4.height - MARGIN.top;
  const room = () => y - MARGIN.bottom;
  const ensure = (height: number) => {
    if (room() < height && !atTop()) newPage();
  };
  const text = (x: number, baseline: number, bytes: string, style: TextStyle) => {
    if (bytes === '') return;
    ops.push(
      `BT ${style.colour ?? BLACK} rg /${FONTS[style.font].resource} ${num(style.size)} Tf ${num(x)} ${num(baseline)} Td ${literal(bytes)} Tj ET`,
    );
  };
  const rule = (x1: number, x2: number, at: number) =>
    ops.push(`${RULE} RG 0.5 w ${num(x1)} ${num(at)} m ${num(x2)} ${num(at)} l S`);
  const shade = (x: number, bottom: number, w: number, h: number) =>
    ops.push(`${SHADE} rg ${num(x)} ${num(bottom)} ${num(w)} ${num(h)} re f`);

  /** Lines of one style, each on its own baseline, breaking pages between lines. */
  const lines = (rows: { bytes: string; x: number }[], style: TextStyle, leading: number) => {
    for (const row of rows) {
      ensure(leading);
      y -= leading;
      text(row.x, y + (leading - style.size) * 0.5 + style.size * 0.22, row.bytes, style);
    }
  };

  newPage();
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading': {
        const level = block.level ?? 1;
        const size = level === 1 ? 17 : level === 2 ? 13 : 11;
        const before = atTop() ? 0 : level === 1 ? 16 : level === 2 ? 14 : 10;
        const leading = size * 1.3;
        const wrapped = wrap(encode(block.text), 'bold', size, TEXT_WIDTH);
        // Keep a heading with the first lines of what follows it.
        ensure(before + wrapped.length * leading + 40);
        if (!atTop()) y -= before;
        lines(
          wrapped.map((bytes) => ({ bytes, x: MARGIN.left })),
          { font: 'bold', size },
          leading,
        );
        y -= level === 1 ? 6 : 4;
        break;
      }
      case 'paragraph': {
        const size = block.size ?? 10;
        const style: TextStyle = {
          font: block.mono ? 'mono' : block.bold ? 'bold' : 'regular',
          size,
          colour: block.muted ? MUTED : BLACK,
        };
        const bytes = encode(block.text.replace(/\s+/g, ' ').trim());
        lines(
          wrap(bytes, style.font, size, TEXT_WIDTH).map((b) => ({ bytes: b, x: MARGIN.left })),
          style,
          size * 1.4,
        );
        y -= size * 0.6;
        break;
      }
      case 'preformatted': {
        const size = block.size ?? 9.5;
        const leading = size * 1.38;
        const space = widthOf(' ', 'regular', size);
        for (const raw of block.text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n')) {
          if (raw.trim() === '') {
            y -= leading * 0.6;
            continue;
          }
          const indent = (/^[ \t]*/.exec(raw)?.[0] ?? '').replace(/\t/g, '    ').length * space;
          const body = encode(raw.trimStart());
          // A numbered or bulleted line wraps under its text, not under its marker.
          const marker = /^(\d+[.)]|[-*\u2022\u00b7]) /.exec(raw.trimStart())?.[0] ?? '';
          const hang = marker ? widthOf(encode(marker), 'regular', size) : 0;
          const wrapped = wrap(body, 'regular', size, TEXT_WIDTH - indent);
          const rewrapped =
            wrapped.length > 1 && hang > 0
              ? [
                  wrapped[0]!,
                  ...wrap(wrapped.slice(1).join(' '), 'regular', size, TEXT_WIDTH - indent - hang),
                ]
              : wrapped;
          lines(
            rewrapped.map((bytes, i) => ({ bytes, x: MARGIN.left + indent + (i > 0 ? hang : 0) })),
            { font: 'regular', size },
            leading,
          );
        }
        y -= leading * 0.4;
        break;
      }
      case 'fields': {
        const size = 10;
        const leading = size * 1.4;
        const labelWidth = TEXT_WIDTH * 0.3;
        const baseline = (top: number, n: number) =>
          top - (n + 1) * leading + (leading - size) * 0.5 + size * 0.22;
        for (const row of block.rows) {
          const label = wrap(encode(row.label), 'bold', size * 0.95, labelWidth - 8);
          const valueFont: FontName = row.mono ? 'mono' : 'regular';
          const valueSize = row.mono ? size * 0.85 : size;
          const value = wrap(encode(row.value), valueFont, valueSize, TEXT_WIDTH - labelWidth).slice(0, 30);
          // A row is short: it moves to the next page whole rather than splitting from its label.
          const height = Math.max(label.length, value.length) * leading;
          ensure(height);
          const top = y;
          label.forEach((bytes, n) => {
            text(MARGIN.left, baseline(top, n), bytes, { font: 'bold', size: size * 0.95, colour: MUTED });
          });
          value.forEach((bytes, n) => {
            text(MARGIN.left + labelWidth, baseline(top, n), bytes, { font: valueFont, size: valueSize });
          });
          y = top - height - 3;
        }
        y -= 6;
        break;
      }
      case 'table': {
        const size = block.size ?? 8;
        const leading = size * 1.3;
        const pad = 3;
        const total = block.columns.reduce((n, c) => n + c.width, 0);
        const widths = block.columns.map((c) => (c.width / total) * TEXT_WIDTH);
        const xs = widths.map((_, i) => MARGIN.left + widths.slice(0, i).reduce((n, w) => n + w, 0));
        const cellLines = (cells: string[], bold: boolean) =>
          cells.map((cell, i) => {
            const col = block.columns[i]!;
            const font: FontName = bold ? 'bold' : col.mono ? 'mono' : 'regular';
            const wrapped = wrap(encode(cell.replace(/\s+/g, ' ').trim()), font, size, widths[i]! - 2 * pad);
            if (wrapped.length <= MAX_CELL_LINES) return { font, lines: wrapped };
            const cut = wrapped.slice(0, MAX_CELL_LINES);
            cut[MAX_CELL_LINES - 1] = `${cut[MAX_CELL_LINES - 1]!.slice(0, -1)}\u0085`; // …
            return { font, lines: cut };
          });
        const header = cellLines(
          block.columns.map((c) => c.header),
          true,
        );
        const heightOf = (cells: { lines: string[] }[]) =>
          Math.max(...cells.map((c) => c.lines.length)) * leading + 2 * pad;
        const drawRow = (cells: { font: FontName; lines: string[] }[], isHeader: boolean) => {
          const h = heightOf(cells);
          if (isHeader) shade(MARGIN.left, y - h, TEXT_WIDTH, h);
          cells.forEach((cell, i) => {
            cell.lines.forEach((bytes, n) => {
              const baseline = y - pad - (n + 1) * leading + (leading - size) * 0.5 + size * 0.22;
              text(xs[i]! + pad, baseline, bytes, {
                font: cell.font,
                size,
                colour: isHeader ? MUTED : BLACK,
              });
            });
          });
          y -= h;
          rule(MARGIN.left, MARGIN.left + TEXT_WIDTH, y);
        };
        const headerHeight = heightOf(header);
        let headerOnPage = false;
        for (const row of block.rows) {
          const cells = cellLines(row, false);
          const h = heightOf(cells);
          if (room() < h + (headerOnPage ? 0 : headerHeight)) {
            newPage();
            headerOnPage = false;
          }
          if (!headerOnPage) {
            drawRow(header, true);
            headerOnPage = true;
          }
          drawRow(cells, false);
        }
        if (block.rows.length === 0) {
          ensure(headerHeight);
          drawRow(header, true);
        }
        y -= 10;
        break;
      }
      case 'space':
        y -= block.height;
        if (room() < 0) newPage();
        break;
      case 'pageBreak':
        if (!atTop()) newPage();
        break;
    }
  }

  // Footers, now that the page count is known: the caller's lines on the left, "Page n of N" on the right.
  const footerSize = 7.5;
  const footerLeading = footerSize * 1.35;
  const footerBytes = footer.map(encode);
  pages.forEach((page, i) => {
    ops = page;
    const top = MARGIN.bottom - 20;
    rule(MARGIN.left, MARGIN.left + TEXT_WIDTH, top + 6);
    const numbering = toWinAnsi(`Page ${i + 1} of ${pages.length}`).bytes;
    const numberWidth = widthOf(numbering, 'regular', footerSize);
    text(MARGIN.left + TEXT_WIDTH - numberWidth, top - footerSize, numbering, {
      font: 'regular',
      size: footerSize,
      colour: MUTED,
    });
    const left = footerBytes.flatMap((b) => wrap(b, 'regular', footerSize, TEXT_WIDTH - numberWidth - 16));
    left.slice(0, 4).forEach((bytes, n) => {
      text(MARGIN.left, top - footerSize - n * footerLeading, bytes, {
        font: 'regular',
        size: footerSize,
        colour: MUTED,
      });
    });
  });
  return { pages: pages.map((p) => p.join('\n')), replaced };
}
