import { extractText, getDocumentProxy, getMeta } from 'unpdf';

// For tests only: reads a PDF back with a real parser (PDF.js, through unpdf), the way a viewer
// would, so assertions are about what a person sees and copies, not about raw bytes.

export interface ReadPdf {
  pages: string[];
  /** Every page's text, whitespace (line breaks included) collapsed to single spaces. */
  text: string;
  info: { Title?: string; CreationDate?: string; Producer?: string } & Record<string, unknown>;
  /** Attached files by name, decoded as UTF-8. */
  attachments: Record<string, string>;
}

export const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

export async function readPdf(bytes: Uint8Array | ArrayBuffer): Promise<ReadPdf> {
  // A copy: PDF.js may take ownership of the buffer it is given.
  const pdf = await getDocumentProxy(new Uint8Array(bytes).slice());
  const { text } = await extractText(pdf, { mergePages: false });
  const meta = await getMeta(pdf);
  const attachments: Record<string, string> = {};
  for (const [id, file] of (await pdf.getAttachments()) ?? new Map()) {
    const content = (await pdf.getAttachmentContent(id)) as unknown as Uint8Array;
    attachments[file.filename] = new TextDecoder('utf-8', { fatal: true }).decode(content);
  }
  return { pages: text, text: collapse(text.join('\n')), info: meta.info as ReadPdf['info'], attachments };
}
