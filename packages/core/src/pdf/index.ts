import { layOut, type PdfBlock } from './layout.ts';
import { type PdfAttachment, type PdfInfo, writePdf } from './writer.ts';

// A small PDF writer for text documents (the signed copy, the evidence pack): A4, the standard
// Helvetica and Courier fonts, wrapped paragraphs, headings, tables, and a footer with page numbers
// on every page. Why not a library: docs/adr/0008-pdf-evidence-without-a-library.md.

export type { PdfBlock } from './layout.ts';
export { toWinAnsi } from './win-ansi.ts';
export type { PdfAttachment } from './writer.ts';

export interface PdfDocument extends PdfInfo {
  /** Left of every page's footer (the version's hash, say); "Page n of N" goes on the right. */
  footer: string[];
  blocks: PdfBlock[];
  /** Files carried inside the PDF, such as the exact text a fingerprint is of. */
  attachments?: PdfAttachment[];
  /** Deflate the page contents (default). Off only to read the raw operators while debugging. */
  compress?: boolean;
}

export interface RenderedPdf {
  bytes: Uint8Array<ArrayBuffer>;
  pages: number;
  /** Characters the standard fonts cannot show, printed as a look-alike or "?". */
  replaced: number;
}

export async function renderPdf(doc: PdfDocument): Promise<RenderedPdf> {
  const { pages, replaced } = layOut(doc.blocks, doc.footer);
  const bytes = await writePdf(pages, doc, { compress: doc.compress, attachments: doc.attachments });
  return { bytes, pages: pages.length, replaced };
}
