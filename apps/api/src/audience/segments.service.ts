import { Inject, Injectable } from '@nestjs/common';
import {
  ErrorCode,
  PlatformError,
  type TSegment,
  type TSegmentInput,
  type TSegmentPatch,
  type TSegmentPreview,
  type TSegmentRule,
} from '@persona/shared';
import { SegmentsRepository } from './segments.repository.js';
import { UsersRepository } from './users.repository.js';

@Injectable()
export class SegmentsService {
  constructor(
    @Inject(SegmentsRepository) private readonly repo: SegmentsRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
  ) {}

  create(workspaceId: string, input: TSegmentInput): Promise<TSegment> {
    return this.repo.insert(workspaceId, input);
  }

  async get(workspaceId: string, id: string): Promise<TSegment> {
    const segment = await this.repo.find(workspaceId, id);
    if (!segment) throw new PlatformError(ErrorCode.NotFound, `Segment ${id} not found`);
    return segment;
  }

  list(workspaceId: string, limit: number, cursor?: string) {
    return this.repo.list(workspaceId, limit, cursor);
  }

  async update(workspaceId: string, id: string, patch: TSegmentPatch): Promise<TSegment> {
    const { id: _id, createdAt: _c, updatedAt: _u, ...current } = await this.get(workspaceId, id);
    const updated = await this.repo.update(workspaceId, id, { ...current, ...patch });
    if (!updated) throw new PlatformError(ErrorCode.NotFound, `Segment ${id} not found`);
    return updated;
  }

  async delete(workspaceId: string, id: string): Promise<void> {
    if (!(await this.repo.delete(workspaceId, id))) {
      throw new PlatformError(ErrorCode.NotFound, `Segment ${id} not found`);
    }
  }

  /** How many users a rule matches and a sample of them, evaluated in the database. */
  async preview(workspaceId: string, rule: TSegmentRule, sampleSize: number): Promise<TSegmentPreview> {
    const [matched, total, sample] = await Promise.all([
      this.users.count(workspaceId, rule),
      this.users.count(workspaceId),
      this.users.matching(workspaceId, rule, sampleSize),
    ]);
    return { matched, total, sample };
  }
}
