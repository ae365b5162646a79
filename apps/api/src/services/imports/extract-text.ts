import { unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { DomainError } from '../../lib/errors.ts';

export const MAX_POLICY_BYTES = 2 * 1024 * 1024;
/**
 * What a .docx may hold once inflated. A long policy with its styles is well under 5 MB; a file
 * that would inflate to more is a zip bomb, or not a policy, and is refused before it is inflated.
 */
export const MAX_DOCX_INFLATED_BYTES = 20 * 1024 * 1024;

/**
 * The inflated size a .docx declares for its parts, read from the zip's central directory by
 * fflate (a maintained zip library) without inflating anything: every part is skipped by the filter.
 * Null when the file is not a readable zip at all.
 */
function declaredInflatedSize(bytes: ArrayBuffer): number | null {
  let total = 0;
  try {
    unzipSync(new Uint8Array(bytes), {
      filter: (part) => {
        total += part.originalSize;
        return false;
      },
    });
  } catch {
    return null;
  }
  return total;
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * The text of an uploaded policy. Plain text and Markdown are read as UTF-8; Word documents
 * (.docx) through mammoth, whose raw-text output keeps one paragraph per line, as the parser
 * expects. Anything else (old .doc, PDF, images) is refused with what to do instead.
 */
export async function extractPolicyText(file: {
  name: string;
  type: string;
  bytes: ArrayBuffer;
}): Promise<string> {
  if (file.bytes.byteLength > MAX_POLICY_BYTES) {
    throw new DomainError(
      'PAYLOAD_TOO_LARGE',
      `${file.name} is larger than 2 MB. Save it as plain text or remove images first.`,
    );
  }
  const name = file.name.toLowerCase();
  let text: string;
  if (name.endsWith('.docx') || file.type === DOCX) {
    const inflated = declaredInflatedSize(file.bytes);
    if (inflated !== null && inflated > MAX_DOCX_INFLATED_BYTES) {
      throw new DomainError(
        'PAYLOAD_TOO_LARGE',
        `${file.name} would unpack to more than 20 MB, which no policy needs. Remove images, or save it as plain text, and try again.`,
      );
    }
    try {
      // mammoth's Node build reads `buffer`, its browser build (what wrangler bundles) `arrayBuffer`.
      const input = {
        arrayBuffer: file.bytes,
        ...(typeof Buffer === 'undefined' ? {} : { buffer: Buffer.from(file.bytes) }),
      };
      const result = await mammoth.extractRawText(input);
      text = result.value;
    } catch {
      throw new DomainError(
        'VALIDATION_FAILED',
        `${file.name} could not be read as a Word document. Open it in Word and save it again as .docx.`,
        [{ path: 'file', message: 'is not a readable .docx file' }],
      );
    }
  } else if (/\.(txt|md|markdown|text)$/.test(name) || /^text\/(plain|markdown)/.test(file.type)) {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
    } catch {
      throw new DomainError(
        'VALIDATION_FAILED',
        `${file.name} is not UTF-8 text. Save it from Word as .docx, or as "Plain Text (UTF-8)".`,
        [{ path: 'file', message: 'is not UTF-8 text' }],
      );
    }
  } else {
    const ext = name.includes('.') ? name.slice(name.lastIndexOf('.')) : 'this kind of file';
    throw new DomainError(
      'UNSUPPORTED_MEDIA_TYPE',
      `We can read .docx, .txt and .md files, not ${ext}. Save the policy from Word as .docx and try again.`,
    );
  }
  text = text.replace(/^\uFEFF/, '');
  if (text.trim().length === 0) {
    throw new DomainError('VALIDATION_FAILED', `${file.name} has no text in it.`, [
      { path: 'file', message: 'is empty' },
    ]);
  }
  return text;
}
