import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type ClauseRef,
  type ConsolidationResult,
  consolidate,
  type ParsedClause,
  type ParsedPolicy,
  parsePolicy,
} from '../policy/index.ts';

// Imports schools' existing Acceptable Use Policies from the command line:
//   tsx packages/core/src/cli/aup.ts parse FILE [--json]
//   tsx packages/core/src/cli/aup.ts consolidate FILE... [--json]

export const USAGE = `usage: aup parse FILE [--json]
       aup consolidate FILE... [--json]

  parse        read one policy (.txt or .md) and print its title, metadata, intro,
               sections, clauses and signature block
  consolidate  read several schools' policies and group the clauses that state the same duty,
               with a proposed trust-wide wording for each group
  --json       print JSON instead of a readable summary`;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readFile: (path: string) => string;
}

class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

function readPolicy(path: string, io: CliIo): string {
  const ext = extname(path).toLowerCase();
  if (ext === '.docx' || ext === '.doc') {
    throw new CliError(`aup: ${path} is a Word document: convert to text first (save as .txt)`, 1);
  }
  if (ext !== '.txt' && ext !== '.md') {
    throw new CliError(
      `aup: ${path}: only .txt and .md files can be read (got "${ext || 'no extension'}")`,
      1,
    );
  }
  try {
    return io.readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`aup: ${path}: no such file`, 1);
    if (code === 'EISDIR') throw new CliError(`aup: ${path}: is a directory, not a policy file`, 1);
    throw new CliError(`aup: ${path}: cannot read (${(error as Error).message})`, 1);
  }
}

function countClauses(clauses: ParsedClause[]): number {
  return clauses.reduce((n, c) => n + 1 + countClauses(c.children), 0);
}

function printClause(lines: string[], clause: ParsedClause, label: string, depth: number): void {
  lines.push(`${'  '.repeat(depth)}${label}${depth === 1 ? '.' : ''} ${clause.text}`);
  clause.children.forEach((child, i) => {
    printClause(lines, child, `${label}.${i}`, depth + 1);
  });
}

export function formatParse(policy: ParsedPolicy): string {
  const lines: string[] = [];
  const topLevel = policy.sections.reduce((n, s) => n + s.clauses.length, 0);
  const all = policy.sections.reduce((n, s) => n + countClauses(s.clauses), 0);
  lines.push(`Title: ${policy.title ?? '(none found)'}`);
  const meta = Object.entries(policy.metadata);
  lines.push(`Metadata: ${meta.length > 0 ? meta.map(([k, v]) => `${k}=${v}`).join('; ') : '(none)'}`);
  lines.push(`Intro: ${policy.intro.length} paragraph(s)`);
  lines.push(`Clauses: ${topLevel} in ${policy.sections.length} section(s), ${all - topLevel} nested`);
  policy.sections.forEach((section, s) => {
    lines.push('');
    lines.push(`Section ${s}: ${section.heading ?? '(no heading)'}`);
    section.clauses.forEach((clause, i) => {
      printClause(lines, clause, `${i}`, 1);
    });
  });
  lines.push('');
  const { statements, fields } = policy.signature;
  lines.push(
    `Signature: ${statements.length} statement(s); fields: ${fields.length > 0 ? fields.join(', ') : '(none)'}`,
  );
  for (const statement of statements) lines.push(`  - ${statement}`);
  return lines.join('\n');
}

export function formatConsolidation(result: ConsolidationResult, docs: Map<string, ParsedPolicy>): string {
  const text = (ref: ClauseRef) => docs.get(ref.file)?.sections[ref.section]?.clauses[ref.index]?.text ?? '';
  // The same indexes as the JSON output: sections[section].clauses[index] of the file's parse.
  const where = (ref: ClauseRef) => `${ref.file} (section ${ref.section}, clause ${ref.index})`;
  const lines: string[] = [
    `${result.groups.length} shared duties, ${result.unique.length} clauses only one school has (${docs.size} files)`,
  ];
  result.groups.forEach((group, g) => {
    lines.push('');
    lines.push(`Group ${g + 1} (${group.members.length} schools)`);
    lines.push(`  Proposal: ${group.proposal}`);
    for (const member of group.members) lines.push(`  - ${where(member)}: ${text(member)}`);
  });
  if (result.unique.length > 0) {
    lines.push('');
    lines.push('Only one school:');
    for (const ref of result.unique) lines.push(`  - ${where(ref)}: ${text(ref)}`);
  }
  return lines.join('\n');
}

function usageError(message: string): CliError {
  return new CliError(`aup: ${message}\n${USAGE}`, 2);
}

/** Runs the CLI; returns the exit code (0 ok, 1 unreadable input, 2 bad arguments). */
export function runAup(argv: string[], io: CliIo): number {
  try {
    const flags = argv.filter((a) => a.startsWith('-'));
    const [command, ...files] = argv.filter((a) => !a.startsWith('-'));
    const unknown = flags.filter((f) => f !== '--json' && f !== '--help' && f !== '-h');
    if (flags.includes('--help') || flags.includes('-h')) {
      io.stdout(USAGE);
      return 0;
    }
    if (unknown.length > 0) throw usageError(`unknown option ${unknown.join(', ')}`);
    const json = flags.includes('--json');
    if (command === 'parse') {
      if (files.length !== 1) throw usageError('parse takes exactly one FILE');
      const file = files[0] ?? '';
      const parsed = parsePolicy(readPolicy(file, io));
      io.stdout(json ? JSON.stringify(parsed, null, 2) : formatParse(parsed));
      return 0;
    }
    if (command === 'consolidate') {
      if (files.length === 0) throw usageError('consolidate needs at least one FILE');
      if (new Set(files).size !== files.length) throw usageError('a FILE is given twice');
      const docs = files.map((file) => ({ file, parsed: parsePolicy(readPolicy(file, io)) }));
      const result = consolidate(docs);
      io.stdout(
        json
          ? JSON.stringify(result, null, 2)
          : formatConsolidation(result, new Map(docs.map((d) => [d.file, d.parsed]))),
      );
      return 0;
    }
    throw usageError(command ? `unknown command "${command}"` : 'missing command');
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(error.message);
      return error.exitCode;
    }
    throw error;
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  process.exitCode = runAup(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
    readFile: (path) => readFileSync(path, 'utf8'),
  });
}
