import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
  type ErrorComponentProps,
} from '@tanstack/react-router';
import { isProblem } from './api/problem.js';
import { sessionKey } from './auth/session-key.js';
import { whoAmIQuery } from './auth/principal.js';
import { ProblemAlert } from './components/ui/alert.js';
import { EmptyState } from './components/ui/misc.js';

// Search parameters are checked by hand here: zod would pull every schema into the first chunk.
const optionalString = (value: unknown) => (typeof value === 'string' && value.trim() ? value : undefined);

export interface SignInSearch {
  reason?: string | undefined;
  redirect?: string | undefined;
}
export interface CatalogSearch {
  q?: string | undefined;
  category?: string | undefined;
  tag?: string | undefined;
}

export interface ReviewSearch {
  status?: 'approved' | 'rejected' | 'failed' | 'any' | undefined;
  segmentId?: string | undefined;
  kind?: 'text' | 'image' | undefined;
  guardrail?: 'pass' | 'warn' | 'fail' | undefined;
  jobId?: string | undefined;
  itemId?: string | undefined;
}
const oneOf = <T extends string>(values: readonly T[]) => (value: unknown): T | undefined =>
  values.includes(value as T) ? (value as T) : undefined;

export interface FeedSearch {
  userId?: string | undefined;
  format?: string | undefined;
}
export interface InsightsSearch {
  itemId?: string | undefined;
  segmentId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}
export interface AudienceUsersSearch {
  q?: string | undefined;
}
export interface SegmentEditSearch {
  created?: boolean | undefined;
}

function RouteError({ error }: ErrorComponentProps) {
  return (
    <main className="mx-auto max-w-3xl p-6">
      <ProblemAlert error={error} />
    </main>
  );
}

const rootRoute = createRootRouteWithContext<{ queryClient: QueryClient }>()({
  component: Outlet,
  errorComponent: RouteError,
  notFoundComponent: () => (
    <main className="mx-auto max-w-3xl p-6">
      <EmptyState title="No such page">
        <a className="text-indigo-700 underline" href="/studio/catalog">
          Go to the catalog
        </a>
      </EmptyState>
    </main>
  ),
});

const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/catalog' });
  },
});

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: (search: Record<string, unknown>): SignInSearch => ({
    reason: optionalString(search.reason),
    redirect: optionalString(search.redirect),
  }),
  component: lazyRouteComponent(() => import('./features/sign-in/sign-in.page.js'), 'SignInPage'),
});

/** Every screen behind sign-in: the key's principal is loaded before any of them renders. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    if (!sessionKey.read()) throw redirect({ to: '/sign-in', search: { redirect: location.href } });
    try {
      await context.queryClient.ensureQueryData(whoAmIQuery);
    } catch (error) {
      if (isProblem(error) && error.status === 401) {
        sessionKey.clear();
        throw redirect({ to: '/sign-in', search: { reason: error.detail } });
      }
      throw error;
    }
  },
  component: lazyRouteComponent(() => import('./features/shell/app-shell.js'), 'AppShell'),
});

const catalogRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/catalog',
  validateSearch: (search: Record<string, unknown>): CatalogSearch => ({
    q: optionalString(search.q),
    category: optionalString(search.category),
    tag: optionalString(search.tag),
  }),
  component: lazyRouteComponent(() => import('./features/catalog/catalog.page.js'), 'CatalogPage'),
});

const itemNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/catalog/new',
  component: lazyRouteComponent(() => import('./features/catalog/item-create.page.js'), 'ItemCreatePage'),
});

const importRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/catalog/import',
  component: lazyRouteComponent(() => import('./features/catalog/import.page.js'), 'ImportPage'),
});

const itemRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/catalog/$itemId',
  component: lazyRouteComponent(() => import('./features/catalog/item-detail.page.js'), 'ItemDetailPage'),
});

const itemEditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/catalog/$itemId/edit',
  component: lazyRouteComponent(() => import('./features/catalog/item-edit.page.js'), 'ItemEditPage'),
});

const itemVariantsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/catalog/$itemId/variants',
  component: lazyRouteComponent(() => import('./features/variants/item-variants.page.js'), 'ItemVariantsPage'),
});

const reviewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/review',
  validateSearch: (search: Record<string, unknown>): ReviewSearch => ({
    status: oneOf(['approved', 'rejected', 'failed', 'any'] as const)(search.status),
    segmentId: optionalString(search.segmentId),
    kind: oneOf(['text', 'image'] as const)(search.kind),
    guardrail: oneOf(['pass', 'warn', 'fail'] as const)(search.guardrail),
    jobId: optionalString(search.jobId),
    itemId: optionalString(search.itemId),
  }),
  component: lazyRouteComponent(() => import('./features/variants/review-queue.page.js'), 'ReviewQueuePage'),
});

const feedRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/feed',
  validateSearch: (search: Record<string, unknown>): FeedSearch => ({
    userId: optionalString(search.userId),
    format: optionalString(search.format),
  }),
  component: lazyRouteComponent(() => import('./features/feed/feed.page.js'), 'FeedPage'),
});

const insightsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/insights',
  validateSearch: (search: Record<string, unknown>): InsightsSearch => ({
    itemId: optionalString(search.itemId),
    segmentId: optionalString(search.segmentId),
    from: optionalString(search.from),
    to: optionalString(search.to),
  }),
  // recharts lives only in this route's chunk.
  component: lazyRouteComponent(() => import('./features/insights/insights.page.js'), 'InsightsPage'),
});

const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings',
  component: lazyRouteComponent(() => import('./features/settings/settings.page.js'), 'SettingsPage'),
});

const conformanceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/conformance',
  component: lazyRouteComponent(() => import('./features/conformance/conformance.page.js'), 'ConformancePage'),
});

const audienceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/audience',
  component: lazyRouteComponent(() => import('./features/audience/segments.page.js'), 'SegmentsPage'),
});

const segmentNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/audience/segments/new',
  component: lazyRouteComponent(() => import('./features/audience/segment-editor.page.js'), 'SegmentCreatePage'),
});

const segmentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/audience/segments/$segmentId',
  validateSearch: (search: Record<string, unknown>): SegmentEditSearch => ({
    created: search.created === true || search.created === 'true' ? true : undefined,
  }),
  component: lazyRouteComponent(() => import('./features/audience/segment-editor.page.js'), 'SegmentEditPage'),
});

const audienceUsersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/audience/users',
  validateSearch: (search: Record<string, unknown>): AudienceUsersSearch => ({ q: optionalString(search.q) }),
  component: lazyRouteComponent(() => import('./features/audience/users.page.js'), 'UsersPage'),
});

const jobsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/jobs',
  component: lazyRouteComponent(() => import('./features/jobs/jobs.page.js'), 'JobsPage'),
});

const jobNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/jobs/new',
  component: lazyRouteComponent(() => import('./features/jobs/job-new.page.js'), 'JobNewPage'),
});

const jobRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/jobs/$jobId',
  component: lazyRouteComponent(() => import('./features/jobs/job-detail.page.js'), 'JobDetailPage'),
});

const routeTree = rootRoute.addChildren([
  indexRoute,
  signInRoute,
  appRoute.addChildren([
    catalogRoute,
    itemNewRoute,
    importRoute,
    itemRoute,
    itemEditRoute,
    itemVariantsRoute,
    reviewRoute,
    feedRoute,
    insightsRoute,
    settingsRoute,
    conformanceRoute,
    audienceRoute,
    segmentNewRoute,
    segmentRoute,
    audienceUsersRoute,
    jobsRoute,
    jobNewRoute,
    jobRoute,
  ]),
]);

export function createStudioRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    basepath: '/studio',
    context: { queryClient },
    defaultPreload: 'intent',
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createStudioRouter>;
  }
}
