import { Inject, Injectable } from '@nestjs/common';
import { eq } from 'drizzle-orm';
import { DEFAULT_DELIVERY_SETTINGS, type TDeliverySettings } from '@persona/shared';
import type { DatabaseHandle } from '../db/database.js';
import { DATABASE } from '../db/database.token.js';
import { deliverySettings } from '../db/schema.js';

@Injectable()
export class DeliverySettingsRepository {
  constructor(@Inject(DATABASE) private readonly handle: DatabaseHandle) {}

  async get(workspaceId: string): Promise<TDeliverySettings> {
    const [row] = await this.handle.db.select().from(deliverySettings).where(eq(deliverySettings.workspaceId, workspaceId));
    if (!row) return { ...DEFAULT_DELIVERY_SETTINGS };
    const { policy, controlEnabled, explorationFloor, stickyWindowSeconds, pooledPriorStrength } = row;
    return { policy, controlEnabled, explorationFloor, stickyWindowSeconds, pooledPriorStrength };
  }

  async put(workspaceId: string, settings: TDeliverySettings): Promise<void> {
    await this.handle.db
      .insert(deliverySettings)
      .values({ workspaceId, ...settings })
      .onConflictDoUpdate({ target: deliverySettings.workspaceId, set: { ...settings, updatedAt: new Date() } });
  }
}
