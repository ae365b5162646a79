import { describe, expect, it } from 'vitest';
import { CsvError, parseCsv, sniffDelimiter } from './csv.ts';

describe('parseCsv: happy', () => {
  it('reads a plain file with its line numbers', () => {
    expect(parseCsv('a,b\n1,2\n3,4\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 3, fields: ['3', '4'] },
    ]);
  });
  it('drops a UTF-8 BOM and accepts CRLF', () => {
    expect(parseCsv('\uFEFFname,email\r\nJo,jo@example.org\r\n')).toEqual([
      { line: 1, fields: ['name', 'email'] },
      { line: 2, fields: ['Jo', 'jo@example.org'] },
    ]);
  });
  it('keeps commas, doubled quotes and newlines inside quotes, and counts lines right after them', () => {
    const rows = parseCsv('name,title\n"Smith, Jo","Head of ""Upper"" School"\n"Line\none",x\nlast,y');
    expect(rows.map((r) => r.fields)).toEqual([
      ['name', 'title'],
      ['Smith, Jo', 'Head of "Upper" School'],
      ['Line\none', 'x'],
      ['last', 'y'],
    ]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 5]);
  });
  it('skips blank lines but keeps numbering true to the file', () => {
    const rows = parseCsv('a\n\n  \nb\n');
    expect(rows).toEqual([
      { line: 1, fields: ['a'] },
      { line: 4, fields: ['b'] },
    ]);
  });
  it('keeps empty fields', () => {
    expect(parseCsv('a,,c\n,,')[1]!.fields).toEqual(['', '', '']);
  });
  it('sniffs semicolons and tabs from the header', () => {
    expect(sniffDelimiter('name;email;role\n')).toBe(';');
    expect(sniffDelimiter('name\temail\n')).toBe('\t');
    expect(sniffDelimiter('name,email\n')).toBe(',');
  });
});

describe('parseCsv: error', () => {
  it('reports the line of an unclosed quote', () => {
    expect(() => parseCsv('a,b\n"open,2\n3,4')).toThrow(CsvError);
    try {
      parseCsv('a,b\n"open,2\n3,4');
    } catch (e) {
      expect((e as CsvError).line).toBe(2);
    }
  });
});
