import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { consolidate, parsePolicy } from '../policy/index.ts';
import { type CliIo, runAup, USAGE } from './aup.ts';

const seedPath = (name: string) =>
  fileURLToPath(new URL(`../policy/fixtures/seeds/${name}`, import.meta.url));
const SEED_0 = seedPath('000_345f0ee073212fb9.txt');
const SEED_4 = seedPath('004_72a41d6c387d0a7f.txt');

function run(argv: string[], files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readFile: (path) => {
      if (path in files) return files[path] ?? '';
      return readFileSync(path, 'utf8');
    },
  };
  const code = runAup(argv, io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('aup parse', () => {
  it('prints the parse as JSON with --json', () => {
    const { code, stdout, stderr } = run(['parse', SEED_4, '--json']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toEqual(parsePolicy(readFileSync(SEED_4, 'utf8')));
  });

  it('prints a readable summary without --json', () => {
    const { code, stdout } = run(['parse', SEED_4]);
    expect(code).toBe(0);
    expect(stdout).toContain('Title: Acceptable Use Policy (AUP): Staff & Policy');
    expect(stdout).toContain('Clauses: 30 in 1 section(s), 14 nested');
    expect(stdout).toContain('    26.2.0 Mobile phone calls may only be taken at staff breaks');
    expect(stdout).toContain('Signature: 3 statement(s); fields: signature, date, fullName, jobTitle');
  });

  it('prints only JSON through the documented `npm run -s aup -- parse FILE --json`', () => {
    // Without -s npm writes its "> aup" banner to stdout first; nothing else may (no .npmrc hides it).
    const root = fileURLToPath(new URL('../../../../', import.meta.url));
    const res = spawnSync('npm', ['run', '-s', 'aup', '--', 'parse', SEED_4, '--json'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(res.status).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual(parsePolicy(readFileSync(SEED_4, 'utf8')));
  });

  it('reads markdown files', () => {
    const { code, stdout } = run(['parse', 'policy.md', '--json'], {
      'policy.md': '# Rules\n\n- I will log off.',
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).sections).toEqual([
      { heading: null, clauses: [{ text: 'I will log off.', children: [] }] },
    ]);
  });
});

describe('aup consolidate', () => {
  it('prints groups and unique clauses as JSON, with files as given', () => {
    const { code, stdout } = run(['consolidate', SEED_0, SEED_4, '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    const expected = consolidate(
      [SEED_0, SEED_4].map((file) => ({ file, parsed: parsePolicy(readFileSync(file, 'utf8')) })),
    );
    expect(result).toEqual(expected);
    expect(Object.keys(result)).toEqual(['groups', 'unique']);
    expect(result.groups[0].members[0]).toEqual({ file: SEED_0, section: 0, index: 0 });
  });

  it('prints a readable summary without --json', () => {
    const { code, stdout } = run(['consolidate', SEED_0, SEED_4]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+ shared duties, \d+ clauses only one school has \(2 files\)/);
    expect(stdout).toContain('Proposal: I will comply with');
    expect(stdout).toContain(`${SEED_0} (section 0, clause 1): I will comply with the IT system security`);
  });
});

describe('aup with bad arguments or files', () => {
  it('prints usage on stderr and exits 2 for a missing or unknown command, option or file count', () => {
    for (const argv of [
      [],
      ['frobnicate'],
      ['parse'],
      ['parse', 'a.txt', 'b.txt'],
      ['consolidate'],
      ['parse', 'a.txt', '--yaml'],
    ]) {
      const { code, stdout, stderr } = run(argv);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain(USAGE);
    }
    expect(run(['consolidate', 'a.txt', 'a.txt']).stderr).toContain('a FILE is given twice');
  });

  it('exits 1 with a clear message for a missing file, a directory or an unsupported type', () => {
    expect(run(['parse', 'no-such-policy.txt'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'aup: no-such-policy.txt: no such file',
    });
    const parent = mkdtempSync(join(tmpdir(), 'aup-'));
    const dir = join(parent, 'folder.txt');
    mkdirSync(dir);
    try {
      expect(run(['parse', dir])).toMatchObject({
        code: 1,
        stderr: `aup: ${dir}: is a directory, not a policy file`,
      });
    } finally {
      rmSync(parent, { recursive: true });
    }
    expect(run(['consolidate', SEED_0, 'missing.md'])).toMatchObject({
      code: 1,
      stderr: 'aup: missing.md: no such file',
    });
    expect(run(['parse', 'policy.pdf'])).toMatchObject({ code: 1 });
  });

  it('asks for .docx files to be converted to text first', () => {
    const { code, stderr } = run(['parse', 'St Michaels AUP.docx']);
    expect(code).toBe(1);
    expect(stderr).toBe('aup: St Michaels AUP.docx is a Word document: convert to text first (save as .txt)');
  });

  it('sets the process exit code when run as a program', () => {
    const tsx = fileURLToPath(import.meta.resolve('tsx/cli'));
    const script = fileURLToPath(new URL('./aup.ts', import.meta.url));
    const bad = spawnSync(process.execPath, [tsx, script, 'parse'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('usage: aup parse FILE [--json]');
    const missing = spawnSync(process.execPath, [tsx, script, 'parse', 'nope.txt', '--json'], {
      encoding: 'utf8',
    });
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe('aup: nope.txt: no such file');
  });
});
