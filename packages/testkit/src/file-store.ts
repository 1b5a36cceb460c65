import { randomUUID } from 'node:crypto';

export interface StoredFile {
  id: string;
  filename: string;
  purpose: string;
  createdAt: number;
  data: Buffer;
}

/** The server's in-memory /v1/files: batch inputs uploaded by clients and the outputs batches write. */
export class FileStore {
  private readonly files = new Map<string, StoredFile>();

  add(filename: string, purpose: string, data: Buffer): StoredFile {
    const file = { id: `file-${randomUUID()}`, filename, purpose, createdAt: Math.floor(Date.now() / 1000), data };
    this.files.set(file.id, file);
    return file;
  }

  get(id: string): StoredFile | undefined {
    return this.files.get(id);
  }

  clear(): void {
    this.files.clear();
  }
}

/** The FileObject shape of OpenAI's API. */
export function fileObject(file: StoredFile): unknown {
  return {
    id: file.id,
    object: 'file',
    bytes: file.data.length,
    created_at: file.createdAt,
    filename: file.filename,
    purpose: file.purpose,
    status: 'processed',
    expires_at: null,
    status_details: null,
  };
}
