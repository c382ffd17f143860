import fs from 'node:fs';
import path from 'node:path';
import { breakFolderLock, takeFolderLock, type FolderHolder } from './folder-lock.ts';
import { connectToServer, socketAnswers } from './local-client.ts';
import { DbStartupError, type Db } from './types.ts';

/**
 * Opens the embedded database in dataDir for this process, or, when a running server has it
 * open, reaches it through that server (command-line tools beside `npm start`). Two processes
 * never open the same files. `throughServer` tells the caller that the schema is the server's
 * business (its migrations already ran).
 */
export async function openEmbedded(
  dataDir: string,
  opts: { serveLocalTools?: boolean },
): Promise<{ db: Db; throughServer: boolean }> {
  const what = opts.serveLocalTools ? 'server' : path.basename(process.argv[1] ?? 'tool');
  // The lock lives in the folder: a first start makes the folder before anything else.
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.accessSync(dataDir, fs.constants.W_OK);
  } catch (err) {
    throw new DbStartupError(
      `Data folder ${dataDir} cannot be written (${(err as NodeJS.ErrnoException).code ?? err}): set DATA_DIR to a writable folder.`,
    );
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    const lock = takeFolderLock(dataDir, { what });
    if (lock.ok) {
      const { openPgliteThread } = await import('./pglite-thread.ts');
      try {
        const db = await openPgliteThread(dataDir, {
          serveLocalTools: opts.serveLocalTools,
          onSocket: (socket) => lock.update({ socket }),
        });
        const close = db.close;
        return {
          db: { ...db, close: async () => void (await close(), lock.release()) },
          throughServer: false,
        };
      } catch (err) {
        lock.release();
        throw err;
      }
    }
    const { holder } = lock;
    if (holder.socket && !opts.serveLocalTools) {
      if (await socketAnswers(holder.socket))
        return { db: await connectToServer(holder.socket), throughServer: true };
      // Alive by pid but not answering: a lock left by a killed server whose pid was reused.
      breakFolderLock(dataDir);
      continue;
    }
    throw new DbStartupError(inUseMessage(dataDir, holder, !!opts.serveLocalTools));
  }
  throw new DbStartupError(`Data folder ${path.resolve(dataDir)} could not be locked: try again.`);
}

function inUseMessage(dataDir: string, h: FolderHolder, asServer: boolean): string {
  const dir = path.resolve(dataDir);
  if (h.what === 'server')
    return asServer
      ? `Data folder ${dir} is already open by a running server (process ${h.pid}): stop it, or set DATA_DIR to another folder.`
      : `Data folder ${dir} is open by a running server (process ${h.pid}) that does not serve command-line tools: stop it, then run this again.`;
  return `Data folder ${dir} is open by ${h.what} (process ${h.pid}): wait for it to finish, or stop it, then run this again.`;
}
