import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode, PlatformError, type TUser, type TUserListItem, type TUserListQuery, type TUserUpsert } from '@persona/shared';
import { assignSegment } from '../recommendations/segment-assignment.js';
import { SegmentsRepository } from './segments.repository.js';
import { UsersRepository } from './users.repository.js';

@Injectable()
export class UsersService {
  constructor(
    @Inject(UsersRepository) private readonly repo: UsersRepository,
    @Inject(SegmentsRepository) private readonly segments: SegmentsRepository,
  ) {}

  async upsertOne(workspaceId: string, user: TUserUpsert): Promise<TUser> {
    await this.repo.upsert(workspaceId, [user]);
    return this.get(workspaceId, user.id);
  }

  async upsertMany(workspaceId: string, users: TUserUpsert[]): Promise<{ upserted: number }> {
    return { upserted: await this.repo.upsert(workspaceId, users) };
  }

  async get(workspaceId: string, id: string): Promise<TUser> {
    const user = await this.repo.find(workspaceId, id);
    if (!user) throw new PlatformError(ErrorCode.NotFound, `User ${id} not found`);
    return user;
  }

  /** A page of users, each with their segment, resolved exactly as the feed resolves it (assignSegment). */
  async list(workspaceId: string, query: TUserListQuery): Promise<{ items: TUserListItem[]; nextCursor: string | null }> {
    const [page, segments] = await Promise.all([
      this.repo.list(workspaceId, query.limit, query.cursor, query.q),
      this.segments.all(workspaceId),
    ]);
    return {
      items: page.items.map((user) => {
        const segment = assignSegment(segments, user.attributes);
        return { ...user, segment: segment ? { id: segment.id, name: segment.name } : null };
      }),
      nextCursor: page.nextCursor,
    };
  }
}
