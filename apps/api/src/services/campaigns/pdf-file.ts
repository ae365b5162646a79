// The evidence an admin downloads as PDFs: one person's signed copy, and a school's evidence pack.
// Both are read from the immutable records (signatures, policy versions) and rendered here, in
// the Worker; nothing is stored.

export interface PdfFile {
  bytes: Uint8Array<ArrayBuffer>;
  fileName: string;
}
