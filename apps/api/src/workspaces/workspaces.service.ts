import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ErrorCode, PlatformError, type TApiKey, type TApiKeyCreated, type TRole, type TWorkspace, type TWorkspaceCreated } from '@persona/shared';
import type { Principal } from '../auth/principal.js';
import { hashApiKey, newApiKeySecret, prefixOf } from './api-key-secret.js';
import { WorkspacesRepository } from './workspaces.repository.js';

/** A key's last use is written at most this often, so authentication stays a read on hot paths. */
const TOUCH_INTERVAL_MS = 60_000;

@Injectable()
export class WorkspacesService {
  private readonly logger = new Logger('Workspaces');
  private readonly lastTouched = new Map<string, number>();

  constructor(@Inject(WorkspacesRepository) private readonly repo: WorkspacesRepository) {}

  async createWorkspace(name: string, adminSecret?: string): Promise<TWorkspaceCreated> {
    const workspace = await this.repo.insertWorkspace(`ws_${randomUUID()}`, name);
    const admin = await this.createApiKey(workspace.id, { name: 'admin (bootstrap)', role: 'admin' }, adminSecret);
    return { workspace, admin };
  }

  async createApiKey(
    workspaceId: string,
    input: { name: string; role: TRole },
    presetSecret?: string,
  ): Promise<TApiKeyCreated> {
    const generated = newApiKeySecret();
    const secret = presetSecret ?? generated.secret;
    const apiKey = await this.repo.insertApiKey({
      id: `key_${randomUUID()}`,
      workspaceId,
      name: input.name,
      role: input.role,
      prefix: prefixOf(secret),
      keyHash: hashApiKey(secret),
    });
    return { apiKey, secret };
  }

  listApiKeys(workspaceId: string): Promise<TApiKey[]> {
    return this.repo.listKeys(workspaceId);
  }

  async revokeApiKey(principal: Principal, id: string): Promise<TApiKey> {
    if (id === principal.apiKeyId) {
      throw new PlatformError(ErrorCode.Conflict, 'A key cannot revoke itself; use another admin key.');
    }
    const revoked = await this.repo.revokeKey(principal.workspaceId, id);
    if (!revoked) throw new PlatformError(ErrorCode.NotFound, `API key ${id} not found`);
    return revoked;
  }

  async getWorkspace(id: string): Promise<TWorkspace> {
    const workspace = await this.repo.findWorkspace(id);
    if (!workspace) throw new PlatformError(ErrorCode.NotFound, `Workspace ${id} not found`);
    return workspace;
  }

  async authenticate(secret: string): Promise<(Principal & { apiKey: TApiKey }) | null> {
    const apiKey = await this.repo.findActiveKeyByHash(hashApiKey(secret));
    if (!apiKey) return null;
    const now = Date.now();
    if (now - (this.lastTouched.get(apiKey.id) ?? 0) > TOUCH_INTERVAL_MS) {
      this.lastTouched.set(apiKey.id, now);
      await this.repo.touchKey(apiKey.id, new Date(now));
    }
    return { workspaceId: apiKey.workspaceId, apiKeyId: apiKey.id, role: apiKey.role, apiKey };
  }

  /**
   * First start: creates the default workspace and prints its admin key once. With ADMIN_API_KEY
   * set, that key is used (and added to the default workspace if it is not known yet).
   */
  async bootstrap(adminSecret?: string): Promise<{ workspace: TWorkspace; createdSecret: string | null }> {
    const existing = await this.repo.firstWorkspace();
    if (!existing) {
      const { workspace, admin } = await this.createWorkspace('Default workspace', adminSecret);
      this.logger.log(`Created workspace ${workspace.id}.`);
      return { workspace, createdSecret: admin.secret };
    }
    if (adminSecret && !(await this.repo.hasKeyHash(hashApiKey(adminSecret)))) {
      await this.createApiKey(existing.id, { name: 'admin (ADMIN_API_KEY)', role: 'admin' }, adminSecret);
      return { workspace: existing, createdSecret: adminSecret };
    }
    return { workspace: existing, createdSecret: null };
  }
}
