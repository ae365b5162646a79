// RFC 4180 CSV, as spreadsheets really write it: an optional UTF-8 BOM, CRLF or LF, quoted fields
// with embedded commas, quotes ("") and newlines. Written here rather than imported because the
// importer must report the *file line* of every record, which general parsers do not give.

export interface CsvRecord {
  /** 1-based line in the file where this record starts (the header is line 1). */
  line: number;
  fields: string[];
}

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

export function parseCsv(input: string, delimiter = ','): CsvRecord[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let fieldStarted = false;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    // Blank lines (and lines of only delimiters-free whitespace) are not records.
    if (!(fields.length === 1 && fields[0]!.trim() === '')) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    fieldStarted = false;
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (ch === '\n') line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
      i++;
      continue;
    }
    if (ch === delimiter) {
      fields.push(field);
      field = '';
      fieldStarted = false;
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      if (ch === '\r' && text[i + 1] === '\n') i++;
      i++;
      line++;
      recordLine = line;
      continue;
    }
    field += ch;
    fieldStarted = true;
    i++;
  }
  if (quoted)
    throw new CsvError(`A quoted value that starts on line ${recordLine} is never closed.`, recordLine);
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}

/** Semicolon-separated files come from Excel in some locales; pick whichever the header uses. */
export function sniffDelimiter(input: string): ',' | ';' | '\t' {
  const header = input.split(/\r?\n/, 1)[0] ?? '';
  const counts = {
    ',': header.split(',').length,
    ';': header.split(';').length,
    '\t': header.split('\t').length,
  };
  return (Object.entries(counts).sort((a, b) => b[1] - a[1])[0]![0] as ',' | ';' | '\t') ?? ',';
}
