import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type PdfDocument, renderPdf, toWinAnsi } from './index.ts';
import { collapse, readPdf } from './testing.ts';

const seed = readFileSync(
  new URL('../policy/fixtures/seeds/000_345f0ee073212fb9.txt', import.meta.url),
  'utf8',
);
const hash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const doc = (over: Partial<PdfDocument> = {}): PdfDocument => ({
  title: 'Staff Acceptable Use Policy — Moorthorpe',
  createdAt: new Date('2026-09-30T13:05:00Z'),
  footer: ['Staff Acceptable Use Policy 2026/27', `SHA-256 of the signed text: ${hash}`],
  blocks: [
    { kind: 'heading', text: 'Staff Acceptable Use Policy' },
    { kind: 'fields', rows: [{ label: 'SHA-256', value: hash, mono: true }] },
    { kind: 'preformatted', text: `${seed}\n${seed}` },
  ],
  ...over,
});

describe('PDF writer: happy', () => {
  it('writes A4 pages that a PDF reader opens, with the text, the title and the creation date', async () => {
    const pdf = await renderPdf(doc());
    expect(new TextDecoder('latin1').decode(pdf.bytes.slice(0, 8))).toBe('%PDF-1.7');
    const read = await readPdf(pdf.bytes);
    expect(read.pages).toHaveLength(pdf.pages);
    expect(pdf.pages).toBeGreaterThan(1);
    expect(read.info.Title).toBe('Staff Acceptable Use Policy — Moorthorpe');
    expect(read.info.CreationDate).toBe('D:20260930130500Z');
    // Every line of the policy is there, in order, as a reader extracts it.
    expect(read.text).toContain(collapse(seed));
    expect(read.text).toContain(hash);
  });

  it('numbers every page "Page n of N" and repeats the footer with the hash on each', async () => {
    const pdf = await renderPdf(doc());
    const { pages } = await readPdf(pdf.bytes);
    pages.forEach((page, i) => {
      expect(collapse(page)).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(collapse(page)).toContain(`SHA-256 of the signed text: ${hash}`);
    });
  });

  it('keeps curly quotes, dashes, £ and é as they are', async () => {
    const text = 'I won’t share “passwords” – ever — nor spend £5 at the café… • Ça va';
    const pdf = await renderPdf(doc({ blocks: [{ kind: 'paragraph', text }] }));
    expect(pdf.replaced).toBe(0);
    expect((await readPdf(pdf.bytes)).text).toContain(text);
  });

  it('replaces what the standard fonts cannot show, and never throws', async () => {
    const text = 'Zoë Łukasz Dvořák ﬁle → 😀 漢字 \ud800 x\u200by\u00a0z';
    const pdf = await renderPdf(doc({ title: 'Łódź 😀', blocks: [{ kind: 'paragraph', text }] }));
    const read = await readPdf(pdf.bytes);
    expect(read.text).toContain('Zoë Lukasz Dvorák file -> ? ?? ? xy z');
    expect(pdf.replaced).toBe(8); // Ł ř ﬁ → 😀 漢 字 and the lone surrogate
    // The title lives outside the page text, in Unicode: it keeps every character.
    expect(read.info.Title).toBe('Łódź 😀');
    expect(toWinAnsi('a\u0000b\tc').bytes).toBe('ab c');
  });

  it('gives the same bytes for the same input', async () => {
    const [a, b] = await Promise.all([renderPdf(doc()), renderPdf(doc())]);
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  });

  it('breaks a long table over pages, repeating its header, and wraps words too long for a cell', async () => {
    const rows = Array.from({ length: 150 }, (_, i) => [`Person ${i + 1}`, hash, 'Chrome 126 on Windows']);
    const pdf = await renderPdf(
      doc({
        blocks: [
          {
            kind: 'table',
            columns: [
              { header: 'Name', width: 2 },
              { header: 'Fingerprint', width: 1, mono: true },
              { header: 'Browser', width: 2 },
            ],
            rows,
          },
        ],
      }),
    );
    const read = await readPdf(pdf.bytes);
    expect(read.pages.length).toBeGreaterThan(2);
    for (const page of read.pages) expect(page).toMatch(/^Name Fingerprint Browser/);
    for (const [name] of rows) expect(read.text).toMatch(new RegExp(`${name} `));
    // The hash, cut across lines in its narrow column, loses no character.
    expect(read.pages[0]!.replace(/\s+/g, '')).toContain(hash);
  });

  it('carries attached files byte for byte, whatever characters they hold', async () => {
    const exact = `${seed}Zaštita podataka: 数据 ✓\n`;
    const attachments = [
      { name: 'policy-text.txt', description: 'The exact stored text', text: exact },
      { name: 'a (second).txt', description: 'Another', text: 'two\r\nlines' },
    ];
    for (const compress of [true, false]) {
      const read = await readPdf((await renderPdf(doc({ attachments, compress }))).bytes);
      expect(read.attachments).toEqual({ 'policy-text.txt': exact, 'a (second).txt': 'two\r\nlines' });
    }
    expect((await readPdf((await renderPdf(doc())).bytes)).attachments).toEqual({});
  });

  it('writes uncompressed streams on request, with the same text', async () => {
    const plain = await renderPdf(doc({ compress: false }));
    const packed = await renderPdf(doc());
    expect(plain.bytes.length).toBeGreaterThan(packed.bytes.length * 2);
    expect((await readPdf(plain.bytes)).text).toBe((await readPdf(packed.bytes)).text);
  });
});

describe('PDF writer: error', () => {
  it('renders empty input as one page rather than failing', async () => {
    const pdf = await renderPdf(doc({ blocks: [], footer: [] }));
    const read = await readPdf(pdf.bytes);
    expect(read.pages).toHaveLength(1);
    expect(read.text).toBe('Page 1 of 1');
  });

  it('escapes the characters that end or break a PDF string', async () => {
    const text = 'Brackets (like these) and a back\\slash \\) stay text';
    const pdf = await renderPdf(doc({ blocks: [{ kind: 'paragraph', text }], compress: false }));
    expect((await readPdf(pdf.bytes)).text).toContain(text);
  });
});
