import { Inject, Injectable } from '@nestjs/common';
import type { TDeliverySettings, TDeliverySettingsPatch } from '@persona/shared';
import { DeliverySettingsRepository } from './delivery-settings.repository.js';

/**
 * How long a feed may use settings read earlier: feeds then read no settings row, and a change
 * made through another API instance reaches this one within this time.
 */
const SETTINGS_TTL_MS = 2_000;

@Injectable()
export class DeliverySettingsService {
  private readonly cache = new Map<string, { settings: TDeliverySettings; readAt: number }>();

  constructor(@Inject(DeliverySettingsRepository) private readonly repo: DeliverySettingsRepository) {}

  async get(workspaceId: string): Promise<TDeliverySettings> {
    const cached = this.cache.get(workspaceId);
    if (cached && Date.now() - cached.readAt < SETTINGS_TTL_MS) return cached.settings;
    const settings = await this.repo.get(workspaceId);
    this.cache.set(workspaceId, { settings, readAt: Date.now() });
    return settings;
  }

  async update(workspaceId: string, patch: TDeliverySettingsPatch): Promise<TDeliverySettings> {
    const settings = { ...(await this.repo.get(workspaceId)), ...patch };
    await this.repo.put(workspaceId, settings);
    this.cache.set(workspaceId, { settings, readAt: Date.now() });
    return settings;
  }
}
