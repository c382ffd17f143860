import fs from 'node:fs';
import path from 'node:path';

/**
 * Who has an embedded data folder open. PGlite is one process's private PostgreSQL: a second
 * process opening the same files writes over the first one's pages and loses or tears data
 * (accounts that cannot sign in, committed imports gone after a restart). So every opener takes
 * this lock first; a holder that serves local tools records its socket here.
 */
export interface FolderHolder {
  pid: number;
  /** Unix socket on which the holder serves local command-line tools; absent for a tool. */
  socket?: string;
  /** What holds it, for messages: "server" or the tool's name. */
  what: string;
  since: string;
}

export const LOCK_FILE = 'tonttiluukku.lock';

/** Folders this process holds: a lock naming our pid but not listed here is from an earlier
 * process that had the same pid (a container restarted, where the server is always pid 1). */
const heldHere = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live holder of `dir`, or undefined (a lock left by a process that died is ignored). */
export function folderHolder(dir: string): FolderHolder | undefined {
  let raw: string;
  try {
    raw = fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const h = JSON.parse(raw) as FolderHolder;
    if (h.pid === process.pid) return heldHere.has(path.resolve(dir)) ? h : undefined;
    return Number.isInteger(h.pid) && alive(h.pid) ? h : undefined;
  } catch {
    return undefined; // a lock half-written by a process that crashed while writing it
  }
}

/** Removes a lock whose holder is alive by pid but provably not serving (its socket is dead). */
export function breakFolderLock(dir: string): void {
  fs.rmSync(path.join(dir, LOCK_FILE), { force: true });
}

/**
 * Takes the lock of `dir` for this process; returns the live holder instead when another
 * process has it. Created with O_EXCL, so two processes starting together cannot both win.
 */
export function takeFolderLock(
  dir: string,
  me: Omit<FolderHolder, 'pid' | 'since'>,
):
  | { ok: true; release: () => void; update: (h: Partial<FolderHolder>) => void }
  | { ok: false; holder: FolderHolder } {
  const file = path.join(dir, LOCK_FILE);
  const record: FolderHolder = { pid: process.pid, since: new Date().toISOString(), ...me };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(record), { flag: 'wx', mode: 0o600 });
      heldHere.add(path.resolve(dir));
      return {
        ok: true,
        update(h) {
          Object.assign(record, h);
          fs.writeFileSync(file, JSON.stringify(record), { mode: 0o600 });
        },
        release() {
          // Only our own lock: a folder moved or reused meanwhile keeps its holder's.
          if (folderHolder(dir)?.pid === process.pid) fs.rmSync(file, { force: true });
          heldHere.delete(path.resolve(dir));
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    // A live holder, this process included (a second open in one process is as bad as two).
    const holder = folderHolder(dir);
    if (holder) return { ok: false, holder };
    fs.rmSync(file, { force: true }); // left by a process that is gone
  }
  throw new Error(`could not take the lock of ${dir}`);
}
