import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { onUnauthorized } from './api/client.js';
import { isProblem } from './api/problem.js';
import { sessionKey } from './auth/session-key.js';
import './index.css';
import { createStudioRouter } from './router.js';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A 4xx will not change by asking again; a dropped connection might.
      retry: (failures, error) => !(isProblem(error) && error.status < 500) && failures < 2,
    },
  },
});
const router = createStudioRouter(queryClient);

// A stored key that stops working anywhere (revoked, expired) sends the user back to sign-in with the reason.
onUnauthorized((reason) => {
  sessionKey.clear();
  queryClient.clear();
  void router.navigate({ to: '/sign-in', search: { reason } });
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
