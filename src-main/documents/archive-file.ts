import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { folderUnwritable } from './errors';

// Writes a PDF into the case's archive folder without ever leaving a half-written file: the bytes go to a
// hidden temp file in the same folder, are flushed, and are renamed into place in one step.

export async function writeFileAtomically(folder: string, fileName: string, bytes: Uint8Array): Promise<string> {
  try {
    await mkdir(folder, { recursive: true });
  } catch (cause) {
    throw folderUnwritable(folder, cause);
  }
  const target = join(folder, fileName);
  const temp = join(folder, `.${fileName}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
    return target;
  } catch (cause) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw folderUnwritable(folder, cause);
  }
}
