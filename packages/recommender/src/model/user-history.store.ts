import type { Interaction, RecommenderConfig } from '../recommender.types.js';
import type { ItemCatalogIndex } from './item-catalog.index.js';

/** A user's events oldest first, as item indices with their times and interest weights. */
export interface UserEvents {
  items: ArrayLike<number>;
  times: ArrayLike<number>;
  weights: ArrayLike<number>;
  length: number;
}

interface AppendedEvents {
  items: number[];
  times: number[];
  weights: number[];
}

/**
 * Per-user event histories: the fitted ones in compressed rows, plus the events observed since
 * the fit in small per-user arrays (merged on read, folded in by the next refit).
 */
export class UserHistoryStore {
  private readonly userIndex = new Map<string, number>();
  private readonly offsets: Int32Array;
  private readonly items: Int32Array;
  private readonly times: Float64Array;
  private readonly weights: Float32Array;
  private readonly appended = new Map<number, AppendedEvents>();
  /** Items each user dismissed: never recommended to them again. */
  private readonly dismissed = new Map<number, Set<number>>();
  readonly fittedEvents: number;

  constructor(
    interactions: readonly Interaction[],
    catalog: ItemCatalogIndex,
    private readonly eventWeights: RecommenderConfig['eventWeights'],
  ) {
    const userOf = new Int32Array(interactions.length);
    const itemOf = new Int32Array(interactions.length).fill(-1);
    const counts: number[] = [];
    interactions.forEach((event, e) => {
      const item = catalog.indexOf(event.itemId);
      if (item === undefined || !Number.isFinite(event.at) || !(event.type in eventWeights) || event.type === 'impression') return;
      const user = this.ensureUser(event.userId);
      if (event.type === 'dismiss') {
        this.dismiss(user, item);
        return;
      }
      userOf[e] = user;
      itemOf[e] = item;
      counts[user] = (counts[user] ?? 0) + 1;
    });
    const users = this.userIndex.size;
    this.offsets = new Int32Array(users + 1);
    for (let u = 0; u < users; u++) this.offsets[u + 1] = (this.offsets[u] as number) + (counts[u] ?? 0);
    const total = this.offsets[users] as number;
    this.fittedEvents = total;
    this.items = new Int32Array(total);
    this.times = new Float64Array(total);
    this.weights = new Float32Array(total);
    const cursor = this.offsets.slice(0, users);
    const order = new Int32Array(total);
    interactions.forEach((event, e) => {
      if ((itemOf[e] as number) < 0) return;
      const u = userOf[e] as number;
      order[(cursor[u] as number)++] = e;
    });
    for (let u = 0; u < users; u++) {
      const start = this.offsets[u] as number;
      const end = this.offsets[u + 1] as number;
      const slice = order.subarray(start, end).sort((a, b) => (interactions[a] as Interaction).at - (interactions[b] as Interaction).at || a - b);
      slice.forEach((e, k) => {
        const event = interactions[e] as Interaction;
        this.items[start + k] = itemOf[e] as number;
        this.times[start + k] = event.at;
        this.weights[start + k] = eventWeights[event.type];
      });
    }
  }

  get userCount(): number {
    return this.userIndex.size;
  }

  indexOf(userId: string): number | undefined {
    return this.userIndex.get(userId);
  }

  /** Fitted events of a user (not those observed since), for model building. */
  fittedEventsOf(user: number): UserEvents {
    const start = this.offsets[user] as number;
    const end = this.offsets[user + 1] as number;
    return {
      items: this.items.subarray(start, end),
      times: this.times.subarray(start, end),
      weights: this.weights.subarray(start, end),
      length: end - start,
    };
  }

  /** All events of a user, fitted and observed, oldest first. */
  eventsOf(user: number): UserEvents {
    const fitted = user < this.offsets.length - 1 ? this.fittedEventsOf(user) : { items: [], times: [], weights: [], length: 0 };
    const extra = this.appended.get(user);
    if (!extra) return fitted;
    return {
      items: [...Array.from(fitted.items), ...extra.items],
      times: [...Array.from(fitted.times), ...extra.times],
      weights: [...Array.from(fitted.weights), ...extra.weights],
      length: fitted.length + extra.items.length,
    };
  }

  /** Everything the user must not be recommended again: seen and dismissed items. */
  consumedBy(user: number): Set<number> {
    const events = this.eventsOf(user);
    const consumed = new Set<number>(Array.from(events.items));
    for (const item of this.dismissed.get(user) ?? []) consumed.add(item);
    return consumed;
  }

  /** Records an event observed after the fit. Events older than the user's newest are placed in time order. */
  append(userId: string, item: number, interaction: Interaction): void {
    const user = this.ensureUser(userId);
    if (interaction.type === 'dismiss') {
      this.dismiss(user, item);
      return;
    }
    let extra = this.appended.get(user);
    if (!extra) this.appended.set(user, (extra = { items: [], times: [], weights: [] }));
    let at = extra.times.length;
    while (at > 0 && (extra.times[at - 1] as number) > interaction.at) at--;
    extra.items.splice(at, 0, item);
    extra.times.splice(at, 0, interaction.at);
    extra.weights.splice(at, 0, this.eventWeights[interaction.type]);
  }

  get bytes(): number {
    let bytes = this.offsets.byteLength + this.items.byteLength + this.times.byteLength + this.weights.byteLength;
    for (const key of this.userIndex.keys()) bytes += 2 * key.length + 48;
    for (const extra of this.appended.values()) bytes += extra.items.length * 24 + 64;
    return bytes;
  }

  private ensureUser(userId: string): number {
    let user = this.userIndex.get(userId);
    if (user === undefined) this.userIndex.set(userId, (user = this.userIndex.size));
    return user;
  }

  private dismiss(user: number, item: number): void {
    let set = this.dismissed.get(user);
    if (!set) this.dismissed.set(user, (set = new Set()));
    set.add(item);
  }
}
