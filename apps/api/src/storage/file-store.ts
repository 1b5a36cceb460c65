import type { Readable } from 'node:stream';

/**
 * Content-addressed blob storage. Local disk today; an S3-compatible store implements the same
 * port when the API runs on more than one machine.
 */
export interface FileStore {
  /** Stores bytes under their sha256; storing the same bytes twice is a no-op. */
  put(sha256: string, bytes: Buffer): Promise<void>;
  read(sha256: string): Promise<Readable>;
  exists(sha256: string): Promise<boolean>;
}

export const FILE_STORE = Symbol('FILE_STORE');
