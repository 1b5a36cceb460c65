import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config.js';

const SECRET_FILE = 'asset-url-secret';

/**
 * The key that signs feed image URLs: ASSET_URL_SECRET when set (every API instance must share
 * it), otherwise a random one created on first start and kept in DATA_DIR, so URLs handed out
 * before a restart still load after it. Created with `wx`: two processes starting together on one
 * DATA_DIR end up with the same key (the loser reads the winner's).
 */
export function resolveAssetUrlSecret(config: AppConfig): Buffer {
  if (config.delivery.assetUrlSecret) return Buffer.from(config.delivery.assetUrlSecret, 'utf8');
  const path = join(config.dataDir, SECRET_FILE);
  try {
    return Buffer.from(readFileSync(path, 'utf8').trim(), 'base64url');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(config.dataDir, { recursive: true });
  try {
    writeFileSync(path, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return Buffer.from(readFileSync(path, 'utf8').trim(), 'base64url');
}
