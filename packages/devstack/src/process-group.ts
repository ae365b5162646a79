import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

// The local stack's child processes (wrangler, Vite, svelte-kit sync) each start more processes of
// their own: workerd, esbuild's service. Killing only the child we spawned leaves those holding
// ports 8787 and 5173, so each child is started as the leader of its own process group and stopped
// as a group, and stop() only returns once none of the group, nor anything it started, is alive.

export interface ProcessGroup {
  name: string;
  child: ChildProcess;
  /** Resolves once the child itself has exited (its group may live on: see stop()). */
  exited: Promise<void>;
  /**
   * SIGTERM to the whole group and to any descendant that left it, SIGKILL to whatever is still
   * running after `graceMs`; resolves when all of them are gone (or after a last few seconds of
   * waiting, so a stuck process cannot hang the caller). Safe to call more than once.
   */
  stop(graceMs?: number): Promise<void>;
}

export const DEFAULT_STOP_GRACE_MS = 5000;
const KILL_WAIT_MS = 3000;
const POLL_MS = 50;

export function spawnGroup(
  name: string,
  command: string,
  args: string[],
  options: Omit<SpawnOptions, 'detached'>,
): ProcessGroup {
  // detached: the child leads a new process group, so one kill(-pid) reaches all it starts. It
  // also keeps the terminal's Ctrl+C away from the children: stopping them is the parent's job,
  // in order, rather than a race between wrangler's and workerd's own signal handlers.
  const child = spawn(command, args, { ...options, detached: true });
  const exited = new Promise<void>((resolve) => {
    if (child.pid === undefined) child.once('error', () => resolve());
    child.once('exit', () => resolve());
  });
  let stopping: Promise<void> | undefined;
  return {
    name,
    child,
    exited,
    stop(graceMs = DEFAULT_STOP_GRACE_MS) {
      stopping ??= stopGroup(child, graceMs);
      return stopping;
    },
  };
}

async function stopGroup(child: ChildProcess, graceMs: number): Promise<void> {
  const pgid = child.pid;
  if (pgid === undefined) return; // never started (spawn failed)
  // Taken before signalling: once a parent dies its children are re-parented and can no longer
  // be found from it. Descendants that moved to a group of their own are signalled one by one.
  const escaped = descendantsOf(pgid).filter((pid) => processGroupOf(pid) !== pgid);
  const alive = () => groupAlive(pgid) || escaped.some(processAlive);
  const signalAll = (signal: NodeJS.Signals) => {
    trySignal(-pgid, signal);
    for (const pid of escaped) trySignal(pid, signal);
  };
  signalAll('SIGTERM');
  if (await waitUntil(() => !alive(), graceMs)) return;
  signalAll('SIGKILL');
  await waitUntil(() => !alive(), KILL_WAIT_MS);
}

function trySignal(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

async function waitUntil(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return true;
}

// On Linux, /proc tells a running process from a zombie: a dead grandchild re-parented to a PID 1
// that never reaps (as in some containers) still answers kill(pid, 0) but holds no port.
// Elsewhere (macOS) kill(pid, 0) is the best there is.
const hasProc = (() => {
  try {
    readFileSync('/proc/self/stat');
    return true;
  } catch {
    return false;
  }
})();

interface ProcStat {
  pid: number;
  state: string;
  ppid: number;
  pgrp: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so split after the last ')'.
    const [state = '', ppid = '0', pgrp = '0'] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid, state, ppid: Number(ppid), pgrp: Number(pgrp) };
  } catch {
    return null;
  }
}

function allStats(): ProcStat[] {
  const stats: ProcStat[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat) stats.push(stat);
  }
  return stats;
}

const running = (stat: ProcStat | null) => stat !== null && stat.state !== 'Z' && stat.state !== 'X';

export function processAlive(pid: number): boolean {
  if (hasProc) return running(readStat(pid));
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function groupAlive(pgid: number): boolean {
  if (hasProc) return allStats().some((stat) => stat.pgrp === pgid && running(stat));
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function processGroupOf(pid: number): number | null {
  return hasProc ? (readStat(pid)?.pgrp ?? null) : null;
}

/** Every running process below `pid` (Linux only; elsewhere none, and the group kill must do). */
export function descendantsOf(pid: number): number[] {
  if (!hasProc) return [];
  const children = new Map<number, number[]>();
  for (const stat of allStats()) {
    if (!running(stat)) continue;
    const siblings = children.get(stat.ppid) ?? [];
    siblings.push(stat.pid);
    children.set(stat.ppid, siblings);
  }
  const found: number[] = [];
  const queue = [pid];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const child of children.get(next) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}
