import { FONTS } from './fonts.ts';
import { A4 } from './layout.ts';

// The PDF file itself (ISO 32000, the parts a text document needs): a catalog, a page tree, the
// three standard fonts by name (nothing embedded), one content stream per page, files attached to
// the document (the exact text a fingerprint is of), an Info dictionary and a classic
// cross-reference table. Web APIs only (CompressionStream, TextEncoder), so the same
// code runs in a Worker, in Node and in a browser; no clock and no randomness, so the same input
// gives the same bytes.

export interface PdfInfo {
  title: string;
  subject?: string;
  author?: string;
  /** Written as both CreationDate and ModDate. */
  createdAt: Date;
}

/** A file carried inside the PDF (a viewer lists it under attachments), byte for byte. */
export interface PdfAttachment {
  /** ASCII file name, such as "policy-text-version-3.txt". */
  name: string;
  description: string;
  /** Stored as UTF-8, exactly. */
  text: string;
}

/** Text as bytes, one char per byte (the content streams and the file's own syntax are 8-bit). */
function bytesOf(s: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

/** A text string for the Info dictionary: UTF-16BE with a byte-order mark, so any title survives. */
function textString(s: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

/** D:YYYYMMDDHHmmSSZ, in UTC. */
function pdfDate(d: Date): string {
  const iso = d.toISOString();
  return `(D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z)`;
}

async function deflate(data: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  // 'deflate' is the zlib format, which is what FlateDecode reads.
  const stream = new Blob([data]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** An ASCII PDF literal string, with the three characters that need it escaped. */
function asciiLiteral(s: string): string {
  return `(${s.replace(/[^\x20-\x7e]/g, '_').replace(/[\\()]/g, '\\$&')})`;
}

export async function writePdf(
  pages: string[],
  info: PdfInfo,
  options: { compress?: boolean; attachments?: PdfAttachment[] } = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const compress = options.compress ?? true;
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (chunk: Uint8Array<ArrayBuffer>) => {
    chunks.push(chunk);
    length += chunk.length;
  };
  const object = (n: number, body: string) => {
    offsets[n] = length;
    push(bytesOf(`${n} 0 obj\n${body}\nendobj\n`));
  };
  const stream = async (n: number, content: string | Uint8Array<ArrayBuffer>, dictionary = '') => {
    const raw = typeof content === 'string' ? bytesOf(content) : content;
    const data = compress ? await deflate(raw) : raw;
    offsets[n] = length;
    push(
      bytesOf(
        `${n} 0 obj\n<< ${dictionary}/Length ${data.length}${compress ? ' /Filter /FlateDecode' : ''} >>\nstream\n`,
      ),
    );
    push(data);
    push(bytesOf('\nendstream\nendobj\n'));
  };

  // Objects 1–6 are fixed; then a page object and its content stream for each page; then a file
  // specification and its stream for each attachment, listed by name in the catalog (sorted, as a
  // name tree must be).
  const fontObjects = { regular: 3, bold: 4, mono: 5 } as const;
  const pageObject = (i: number) => 7 + i * 2;
  const attachments = [...(options.attachments ?? [])].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  const attachmentObject = (i: number) => pageObject(pages.length) + i * 2;
  const names = attachments.length
    ? ` /Names << /EmbeddedFiles << /Names [${attachments.map((a, i) => `${asciiLiteral(a.name)} ${attachmentObject(i)} 0 R`).join(' ')}] >> >>`
    : '';
  const fontResources = Object.entries(fontObjects)
    .map(([name, n]) => `/${FONTS[name as keyof typeof FONTS].resource} ${n} 0 R`)
    .join(' ');

  // A binary comment on the second line tells transfer tools the file is not text.
  push(bytesOf('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'));
  object(1, `<< /Type /Catalog /Pages 2 0 R /ViewerPreferences << /DisplayDocTitle true >>${names} >>`);
  object(
    2,
    `<< /Type /Pages /Count ${pages.length} /Kids [${pages.map((_, i) => `${pageObject(i)} 0 R`).join(' ')}] >>`,
  );
  for (const [name, n] of Object.entries(fontObjects)) {
    const font = FONTS[name as keyof typeof FONTS];
    object(n, `<< /Type /Font /Subtype /Type1 /BaseFont /${font.baseFont} /Encoding /WinAnsiEncoding >>`);
  }
  const date = pdfDate(info.createdAt);
  object(
    6,
    `<< /Title ${textString(info.title)}${info.subject ? ` /Subject ${textString(info.subject)}` : ''}${
      info.author ? ` /Author ${textString(info.author)}` : ''
    } /Creator (Attest) /Producer (Attest) /CreationDate ${date} /ModDate ${date} >>`,
  );
  for (const [i, content] of pages.entries()) {
    object(
      pageObject(i),
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${A4.width} ${A4.height}] /Resources << /Font << ${fontResources} >> >> /Contents ${pageObject(i) + 1} 0 R >>`,
    );
    await stream(pageObject(i) + 1, content);
  }

  for (const [i, attachment] of attachments.entries()) {
    const bytes = new TextEncoder().encode(attachment.text) as Uint8Array<ArrayBuffer>;
    object(
      attachmentObject(i),
      `<< /Type /Filespec /F ${asciiLiteral(attachment.name)} /UF ${textString(attachment.name)} /Desc ${textString(attachment.description)} /AFRelationship /Source /EF << /F ${attachmentObject(i) + 1} 0 R >> >>`,
    );
    await stream(
      attachmentObject(i) + 1,
      bytes,
      `/Type /EmbeddedFile /Subtype /text#2Fplain#3B#20charset#3Dutf-8 /Params << /Size ${bytes.length} /ModDate ${date} >> `,
    );
  }

  const count = attachmentObject(attachments.length);
  const xref = length;
  let table = `xref\n0 ${count}\n0000000000 65535 f\r\n`;
  for (let n = 1; n < count; n++) table += `${String(offsets[n]).padStart(10, '0')} 00000 n\r\n`;
  push(bytesOf(`${table}trailer\n<< /Size ${count} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`));

  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
