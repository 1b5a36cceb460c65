// The policy lives in @persona/shared, so the studio hides exactly what the API refuses.
export { Access } from '@persona/shared';
