import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

// A new PGlite cluster runs initdb, which takes 5-10 s of WASM on a small machine, and tests
// start one per file. Loading a tarball of a freshly initialised cluster takes about a second,
// so the first start on a machine builds that template and later ones (in memory, or a new
// data folder) load it.

const LOCK_STALE_MS = 2 * 60 * 1000;
const WAIT_FOR_BUILDER_MS = 90 * 1000;

/** node_modules/.cache/attest-devstack next to the installed PGlite (the usual cache spot), or null. */
export function defaultTemplateCacheDir(): string | null {
  const entry = pgliteEntry();
  if (!entry) return null;
  const marker = `${sep}node_modules${sep}`;
  const at = entry.lastIndexOf(marker);
  return at < 0 ? null : join(entry.slice(0, at + marker.length), '.cache', 'attest-devstack');
}

/**
 * Opens PGlite on `dataDir` (an existing cluster is used as is) or in memory. A new cluster
 * starts from the cached template when `cacheDir` is set, else from initdb.
 */
export async function openPglite(dataDir: string | null, cacheDir: string | null): Promise<PGlite> {
  if (dataDir) {
    await mkdir(dataDir, { recursive: true });
    if (await exists(join(dataDir, 'PG_VERSION'))) return PGlite.create({ dataDir });
  }
  const file = cacheDir ? join(cacheDir, `pglite-${pgliteVersion()}-template.tar`) : null;
  const template = file ? await readOrBuildTemplate(file) : null;
  if (!file || !template) return dataDir ? PGlite.create({ dataDir }) : PGlite.create();
  try {
    return await PGlite.create({ ...(dataDir ? { dataDir } : {}), loadDataDir: template });
  } catch (error) {
    await rm(file, { force: true }); // corrupt or from an incompatible build: rebuild next time
    if (dataDir) {
      throw new Error(`Could not create a cluster in ${dataDir} from ${file}; remove ${dataDir} and retry.`, {
        cause: error,
      });
    }
    return PGlite.create();
  }
}

async function readOrBuildTemplate(file: string): Promise<Blob | null> {
  const cached = await readTemplate(file);
  if (cached) return cached;
  await mkdir(dirname(file), { recursive: true }).catch(() => {});
  const lock = `${file}.lock`;
  if (await takeLock(lock)) {
    try {
      const db = await PGlite.create();
      const dump = await db.dumpDataDir('none');
      await db.close();
      // Write then rename, so a reader never sees half a tarball; a read-only cache only costs speed.
      const partial = `${file}.${process.pid}.partial`;
      const bytes = new Uint8Array(await dump.arrayBuffer());
      await writeFile(partial, bytes)
        .then(() => rename(partial, file))
        .catch(() => rm(partial, { force: true }));
      return new Blob([bytes]);
    } finally {
      await rm(lock, { force: true });
    }
  }
  // Another process (a parallel test file) is building it: waiting beats a second initdb.
  const deadline = Date.now() + WAIT_FOR_BUILDER_MS;
  while (Date.now() < deadline && (await exists(lock))) await sleep(200);
  return readTemplate(file);
}

async function readTemplate(file: string): Promise<Blob | null> {
  try {
    return new Blob([new Uint8Array(await readFile(file))]);
  } catch {
    return null;
  }
}

async function takeLock(lock: string, retry = true): Promise<boolean> {
  try {
    await writeFile(lock, String(process.pid), { flag: 'wx' });
    return true;
  } catch {
    // A lock left by a killed process must not block every later start.
    const age = await stat(lock).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (retry && age > LOCK_STALE_MS) {
      await rm(lock, { force: true }).catch(() => {});
      return takeLock(lock, false);
    }
    return false;
  }
}

function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function pgliteEntry(): string | null {
  try {
    return createRequire(import.meta.url).resolve('@electric-sql/pglite');
  } catch {
    return null;
  }
}

let version: string | undefined;

/** The template is only valid for the PGlite build that wrote it. */
function pgliteVersion(): string {
  if (version) return version;
  try {
    const entry = pgliteEntry();
    const pkg = entry ? createRequire(import.meta.url)(join(dirname(entry), '..', 'package.json')) : {};
    version = String((pkg as { version?: string }).version ?? 'unknown');
  } catch {
    version = 'unknown';
  }
  return version;
}
