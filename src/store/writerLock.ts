// Node only (imported by nodeEngine.ts alone): one writer per store file across processes.
import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { SizewiseError } from '../errors.js';
import { ioError } from './storeError.js';

/** A held writer lock; `release` removes it if it is still ours. */
export interface WriterLock {
  readonly path: string;
  release(): void;
}

interface Owner {
  pid: number;
  start: string;
  token: string;
}

const heldTokens = new Set<string>();

/**
 * Takes the writer lock of `file`: the file `<file>-writer.lock` naming the owner's pid,
 * its start time and a random token. It is made complete in a private temporary file and
 * published with link(2), which fails if the lock exists, so a lock is never seen half
 * written and two openers never both win. A lock whose owner is no longer alive (a process
 * killed at any instant, even inside openStore) is stale: it is moved aside with rename(2),
 * checked to be the very lock judged stale, and removed; then the open is tried again.
 * A lock of a live process (or of this process, still open) throws LOCKED.
 */
export function acquireWriterLock(file: string, field: string): WriterLock {
  const path = `${file}-writer.lock`;
  const me: Owner = { pid: process.pid, start: processStart(process.pid), token: randomUUID() };
  removeLeftovers(path);
  const temp = `${path}.${me.pid}.${me.token}.tmp`;
  writeDurably(temp, JSON.stringify(me));
  try {
    for (let attempt = 0; attempt < 8; attempt++) {
      try {
        linkSync(temp, path);
        heldTokens.add(me.token);
        return { path, release: () => releaseLock(path, me.token) };
      } catch (error) {
        if (code(error) !== 'EEXIST') throw ioError(field, `cannot create the lock ${path}`, error);
      }
      const seen = readLock(path);
      if (seen === undefined) continue; // removed meanwhile: try again
      if (seen.owner !== undefined && isAlive(seen.owner)) {
        const who = seen.owner.pid === process.pid ? 'this process' : `process ${seen.owner.pid}`;
        throw new SizewiseError('LOCKED', field, `${field} ${JSON.stringify(file)} is already open for writing by ${who}; close it there first (one writer per file)`, file);
      }
      removeStale(path, seen.text);
    }
    throw new SizewiseError('LOCKED', field, `${field} ${JSON.stringify(file)}: could not take its writer lock (other processes keep racing for it)`, file);
  } finally {
    tryUnlink(temp);
  }
}

function releaseLock(path: string, token: string): void {
  heldTokens.delete(token);
  const seen = readLock(path);
  if (seen?.owner?.token === token) tryUnlink(path);
}

/** Moves a stale lock aside and deletes it, unless it turns out to be a fresh one that replaced it. */
function removeStale(path: string, staleText: string): void {
  const aside = `${path}.${process.pid}.${randomUUID()}.stale`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if (code(error) === 'ENOENT') return;
    throw error;
  }
  let movedText = '';
  try {
    movedText = readFileSync(aside, 'utf8');
  } catch {
    // unreadable: treat as the stale one
    movedText = staleText;
  }
  if (movedText !== staleText) {
    // Another opener replaced the stale lock between our read and our rename: put it back.
    try {
      linkSync(aside, path);
    } catch {
      // a third opener got in first; its lock stands
    }
  }
  tryUnlink(aside);
}

function readLock(path: string): { text: string; owner?: Owner } | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (code(error) === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const owner = JSON.parse(text) as Owner;
    if (Number.isInteger(owner.pid) && typeof owner.start === 'string' && typeof owner.token === 'string') return { text, owner };
  } catch {
    // not ours or damaged: stale
  }
  return { text };
}

/** Alive: the pid runs, it is the same process (start time, where the OS tells it), and for this process, the lock is still held. */
function isAlive(owner: Owner): boolean {
  if (owner.pid === process.pid) return heldTokens.has(owner.token);
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if (code(error) !== 'EPERM') return false;
  }
  const start = processStart(owner.pid);
  return start === '' || owner.start === '' || start === owner.start;
}

/** The process start time in clock ticks since boot (Linux /proc), or '' where unknown: guards against a reused pid. */
function processStart(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22; the command name (field 2) may hold spaces, so count from its closing parenthesis.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    return '';
  }
}

/** Removes temporary and set-aside lock files that killed processes left behind. */
function removeLeftovers(path: string): void {
  const dir = dirname(path);
  const prefix = `${basename(path)}.`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !(name.endsWith('.tmp') || name.endsWith('.stale'))) continue;
    const pid = Number(name.slice(prefix.length).split('.')[0]);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (error) {
      if (code(error) === 'ESRCH') tryUnlink(join(dir, name));
    }
  }
}

function writeDurably(path: string, text: string): void {
  const fd = openSync(path, 'wx');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function tryUnlink(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException)?.code;
}
