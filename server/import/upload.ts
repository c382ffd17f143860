import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import type { Request } from 'express';
import { HttpError, badRequest } from '../http/errors.ts';

export interface Upload {
  dir: string;
  file: string;
  fileName: string;
  bytes: number;
  /** Removes the temporary folder; safe to call twice. */
  cleanup(): void;
}

const tooLarge = (limitBytes: number, value: unknown) =>
  new HttpError(
    413,
    'upload_too_large',
    `The file is larger than the limit of ${Math.round(limitBytes / 1e6)} MB.`,
    {
      value,
      limit_bytes: limitBytes,
    },
  );

/**
 * Streams the one file of a multipart upload to a temporary folder, never holding it in
 * memory. 413 upload_too_large past `limitBytes` (from Content-Length before reading, or while
 * counting), 400 file_required without a file part.
 */
export async function receiveUpload(req: Request, limitBytes: number): Promise<Upload> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limitBytes + 64 * 1024) {
    req.resume();
    throw tooLarge(limitBytes, declared);
  }
  if (!req.is('multipart/form-data'))
    throw new HttpError(415, 'multipart_required', 'Upload the file as multipart/form-data.', {
      value: req.get('content-type') ?? null,
    });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonttiluukku-import-'));
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    const result = await new Promise<{ file: string; fileName: string; bytes: number } | null>(
      (resolve, reject) => {
        let bb: busboy.Busboy;
        try {
          bb = busboy({ headers: req.headers, limits: { files: 1, fileSize: limitBytes, fields: 20 } });
        } catch (err) {
          reject(badRequest('invalid_upload', 'The upload could not be read.', (err as Error).message));
          return;
        }
        let got: Promise<{ file: string; fileName: string; bytes: number }> | null = null;
        bb.on('file', (_name, stream, info) => {
          const fileName = path.basename(info.filename || 'upload');
          const file = path.join(dir, crypto.randomUUID() + path.extname(fileName).toLowerCase());
          let bytes = 0;
          let truncated = false;
          stream.on('data', (c: Buffer) => (bytes += c.length));
          stream.on('limit', () => (truncated = true));
          got = pipeline(stream, fs.createWriteStream(file)).then(() => {
            if (truncated) throw tooLarge(limitBytes, fileName);
            return { file, fileName, bytes };
          });
        });
        bb.on('error', (err) =>
          reject(
            badRequest('invalid_upload', 'The upload was cut off or malformed.', (err as Error).message),
          ),
        );
        bb.on('close', () => (got ? got.then(resolve, reject) : resolve(null)));
        req.pipe(bb);
      },
    );
    if (!result) throw badRequest('file_required', 'Choose a file to upload.', null);
    return { dir, ...result, cleanup };
  } catch (err) {
    cleanup();
    throw err;
  }
}
