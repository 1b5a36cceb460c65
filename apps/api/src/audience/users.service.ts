import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode, PlatformError, type TUser, type TUserUpsert } from '@persona/shared';
import { UsersRepository } from './users.repository.js';

@Injectable()
export class UsersService {
  constructor(@Inject(UsersRepository) private readonly repo: UsersRepository) {}

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

  list(workspaceId: string, limit: number, cursor?: string) {
    return this.repo.list(workspaceId, limit, cursor);
  }
}
