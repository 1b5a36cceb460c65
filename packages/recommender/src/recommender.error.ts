import { ErrorCode, PlatformError } from '@persona/shared';

/** Why the recommender rejected a call; the API maps each to a platform error code. */
export const RecommenderErrorCode = {
  EmptyCatalog: 'EMPTY_CATALOG',
  InvalidInput: 'INVALID_INPUT',
  DatasetUnreadable: 'DATASET_UNREADABLE',
} as const;
export type TRecommenderErrorCode = (typeof RecommenderErrorCode)[keyof typeof RecommenderErrorCode];

const platformCodeOf: Record<TRecommenderErrorCode, PlatformError['code']> = {
  EMPTY_CATALOG: ErrorCode.Conflict,
  INVALID_INPUT: ErrorCode.ValidationFailed,
  DATASET_UNREADABLE: ErrorCode.ValidationFailed,
};

export class RecommenderError extends PlatformError {
  constructor(
    readonly reason: TRecommenderErrorCode,
    message: string,
  ) {
    super(platformCodeOf[reason], message);
    this.name = 'RecommenderError';
  }
}
