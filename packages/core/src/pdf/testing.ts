import { extractText, getDocumentProxy, getMeta } from 'unpdf';

// For tests only: reads a PDF back with a real parser (PDF.js, through unpdf), the way a viewer
// would, so assertions are about what a person sees and copies, not about raw bytes.

export interface ReadPdf {
  pages: string[];
  /** Every page's text, whitespace (line breaks included) collapsed to single spaces. */
  text: string;
  info: { Title?: string; CreationDate?: string; Producer?: string } & Record<string, unknown>;
}

export const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

export async function readPdf(bytes: Uint8Array | ArrayBuffer): Promise<ReadPdf> {
  // A copy: PDF.js may take ownership of the buffer it is given.
  const pdf = await getDocumentProxy(new Uint8Array(bytes).slice());
  const { text } = await extractText(pdf, { mergePages: false });
  const meta = await getMeta(pdf);
  return { pages: text, text: collapse(text.join('\n')), info: meta.info as ReadPdf['info'] };
}
