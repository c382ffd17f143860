/**
 * Attachment uploads: multipart parsing with limits, type checks by extension and content.
 *
 * Files are stored in the database (bytea), not in DATA_DIR: several instances share one
 * PostgreSQL and no file system, a backup of the database is a backup of the applications, and
 * deleting an applicant's data on request removes the files in the same transaction (cascade).
 * The size limit (ATTACHMENT_LIMIT_MB, 10 MB by default) keeps rows small enough for that.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import busboy from 'busboy';
import type { Request } from 'express';
import { own } from '../../shared/own.ts';
import { HttpError, badRequest } from '../http/errors.ts';

/** Accepted extensions, the content type stored, and how the file must start. */
const TYPES: Record<string, { type: string; magic: Buffer[] }> = {
  pdf: { type: 'application/pdf', magic: [Buffer.from('%PDF')] },
  png: { type: 'image/png', magic: [Buffer.from([0x89, 0x50, 0x4e, 0x47])] },
  jpg: { type: 'image/jpeg', magic: [Buffer.from([0xff, 0xd8, 0xff])] },
  jpeg: { type: 'image/jpeg', magic: [Buffer.from([0xff, 0xd8, 0xff])] },
  dwg: { type: 'image/vnd.dwg', magic: [Buffer.from('AC10'), Buffer.from('AC1.')] },
  zip: { type: 'application/zip', magic: [Buffer.from('PK\x03\x04')] },
  docx: {
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    magic: [Buffer.from('PK\x03\x04')],
  },
  xlsx: {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    magic: [Buffer.from('PK\x03\x04')],
  },
};
export const ACCEPTED_EXTENSIONS = Object.keys(TYPES);
const MAX_FILES = 5;

export interface ReceivedFile {
  fileName: string;
  contentType: string;
  content: Buffer;
  sha256: string;
}

export interface Multipart {
  fields: Record<string, string>;
  files: ReceivedFile[];
}

const startsWith = (b: Buffer, magic: Buffer) =>
  b.length >= magic.length &&
  [...magic].every((byte, i) => byte === 0x2e /* '.' matches any */ || b[i] === byte);

/** 415 attachment_type_not_allowed / attachment_content_mismatch, 400 attachment_empty. */
export function checkFile(fileName: string, content: Buffer): { contentType: string } {
  const ext = path.extname(fileName).slice(1).toLowerCase();
  const t = own(TYPES, ext);
  if (!t)
    throw new HttpError(
      415,
      'attachment_type_not_allowed',
      `Files of this type are not accepted: ${fileName}.`,
      {
        value: fileName,
        accepted: ACCEPTED_EXTENSIONS,
      },
    );
  if (content.length === 0) throw badRequest('attachment_empty', `The file is empty: ${fileName}.`, fileName);
  if (!t.magic.some((m) => startsWith(content, m)))
    throw new HttpError(
      415,
      'attachment_content_mismatch',
      `The file's content is not what its name says (${ext}): ${fileName}.`,
      { value: fileName },
    );
  return { contentType: t.type };
}

const tooLarge = (limitBytes: number, value: unknown) =>
  new HttpError(
    413,
    'attachment_too_large',
    `The file is larger than the limit of ${Math.round(limitBytes / 1e6)} MB.`,
    {
      value,
      limit_bytes: limitBytes,
    },
  );

/**
 * Reads a multipart/form-data request: text fields and up to 5 files of at most `limitBytes`
 * each, every file checked by checkFile. All files are checked before anything is returned, so
 * a bad one means nothing is stored. 415 multipart_required, 413 attachment_too_large,
 * 400 too_many_files / invalid_upload.
 */
export async function readMultipart(req: Request, limitBytes: number): Promise<Multipart> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_FILES * limitBytes + 256 * 1024) {
    req.resume();
    throw tooLarge(limitBytes, declared);
  }
  if (!req.is('multipart/form-data'))
    throw new HttpError(415, 'multipart_required', 'Send the form as multipart/form-data.', {
      value: req.get('content-type') ?? null,
    });
  const raw = await new Promise<{
    fields: Record<string, string>;
    files: Array<{ name: string; chunks: Buffer[] }>;
  }>((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        limits: { files: MAX_FILES, fileSize: limitBytes, fields: 20, fieldSize: 64 * 1024 },
      });
    } catch (err) {
      reject(badRequest('invalid_upload', 'The upload could not be read.', (err as Error).message));
      return;
    }
    const fields: Record<string, string> = {};
    const files: Array<{ name: string; chunks: Buffer[] }> = [];
    let failure: HttpError | null = null;
    bb.on('field', (name, value) => (fields[name] = value));
    bb.on('file', (_field, stream, info) => {
      const f = { name: path.basename(info.filename || 'file'), chunks: [] as Buffer[] };
      files.push(f);
      stream.on('data', (c: Buffer) => f.chunks.push(c));
      stream.on('limit', () => {
        failure ??= tooLarge(limitBytes, f.name);
        stream.resume();
      });
    });
    bb.on('filesLimit', () => {
      failure ??= badRequest('too_many_files', `Attach at most ${MAX_FILES} files at a time.`, MAX_FILES);
    });
    bb.on('error', (err) =>
      reject(badRequest('invalid_upload', 'The upload was cut off or malformed.', (err as Error).message)),
    );
    bb.on('close', () => (failure ? reject(failure) : resolve({ fields, files })));
    req.pipe(bb);
  });
  const files = raw.files.map((f) => {
    const content = Buffer.concat(f.chunks);
    const { contentType } = checkFile(f.name, content);
    return {
      fileName: f.name.slice(0, 200),
      contentType,
      content,
      sha256: crypto.createHash('sha256').update(content).digest('hex'),
    };
  });
  return { fields: raw.fields, files };
}
