import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import { createBrowserRouter, Link, matchPath, RouterProvider } from 'react-router';
import { sessionQuery } from '../features/auth/api.ts';
import { LoginPage } from '../features/auth/login-page.tsx';
import { prefetchMonthPage } from '../features/dashboard/api.ts';
import { MonthPage } from '../features/dashboard/month-page.tsx';
import { ApiError } from '../lib/api-client.ts';
import { dvosQuery } from '../lib/dvo-queries.ts';
import { DvoHome } from './dvo-home.tsx';
import { Layout } from './layout.tsx';
import { PageTitle } from './page-title.tsx';
import { Redirect } from './redirect.tsx';
import { RouteError } from './route-error.tsx';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
      refetchOnWindowFocus: false,
    },
  },
});

/** Sends the user to the first DVO they may see. */
function Home() {
  const query = useQuery(dvosQuery);
  if (query.isPending)
    return (
      <p className="boot-status" role="status">
        Bezig met laden…
      </p>
    );
  if (query.isError) return <p role="alert">De DVO&apos;s konden niet worden geladen. Probeer het later opnieuw.</p>;
  const first = query.data.dvos[0];
  if (!first) return <p className="message">U heeft nog geen toegang tot een DVO. Vraag de beheerder om toegang.</p>;
  return <Redirect to={`/dvo/${first.slug}`} />;
}

function Authenticated() {
  const session = useQuery(sessionQuery);
  if (session.isPending)
    return (
      <p className="boot-status" role="status">
        Bezig met laden…
      </p>
    );
  if (session.isError) return <p role="alert">De server is niet bereikbaar. Probeer het later opnieuw.</p>;
  if (!session.data) {
    return (
      <>
        <PageTitle />
        <LoginPage />
      </>
    );
  }
  return <Layout session={session.data} />;
}

/**
 * The landing screen's requests start before the first render (main.tsx), so they run while React
 * renders instead of after it (route loaders would do the same, but make the router render a
 * fallback first). A 401 before logging in stays in the cache; logging in clears it.
 */
export function prefetchLanding(): void {
  if (sessionQuery.initialData === null) return;
  void queryClient.prefetchQuery(dvosQuery);
  const month = matchPath('/dvo/:dvo/maand/:period', window.location.pathname);
  if (month?.params.dvo && month.params.period) prefetchMonthPage(queryClient, month.params.dvo, month.params.period);
}

/** A route's screen from a module loaded when the route is first opened (its default export). */
const screen = (load: () => Promise<{ default: ComponentType }>) => async () => ({ Component: (await load()).default });

/** The accessibility statement, open without logging in, outside the layout (which sets the title there). */
const statement = async () => {
  const { default: Statement } = await import('../features/toegankelijkheid/toegankelijkheid-page.tsx');
  return {
    Component: () => (
      <>
        <PageTitle />
        <Statement />
      </>
    ),
  };
};

// The month screen is the landing screen and ships in the entry chunk; every other screen (and
// recharts, which only the kwartaal and indicator screens use) loads when first opened.
const createRouter = () =>
  createBrowserRouter([
    // open without logging in: the law asks that anyone can read it
    {
      path: '/toegankelijkheid',
      errorElement: <RouteError />,
      hydrateFallbackElement: (
        <p className="boot-status" role="status">
          Bezig met laden…
        </p>
      ),
      lazy: statement,
    },
    {
      path: '/',
      element: <Authenticated />,
      errorElement: <RouteError />,
      hydrateFallbackElement: (
        <p className="boot-status" role="status">
          Bezig met laden…
        </p>
      ),
      children: [
        {
          errorElement: <RouteError />,
          children: [
            { index: true, element: <Home /> },
            { path: 'dvo/:dvo', element: <DvoHome /> },
            { path: 'dvo/:dvo/maand', element: <DvoHome /> },
            { path: 'dvo/:dvo/maand/:period', element: <MonthPage /> },
            { path: 'dvo/:dvo/kwartaal', element: <DvoHome target="kwartaal" /> },
            {
              path: 'dvo/:dvo/kwartaal/:quarter',
              lazy: screen(() => import('../features/dashboard/quarter-page.tsx')),
            },
            {
              path: 'dvo/:dvo/indicator/:code',
              lazy: screen(() => import('../features/dashboard/indicator-page.tsx')),
            },
            { path: 'dvo/:dvo/afspraken', lazy: screen(() => import('../features/catalogue/catalogue-page.tsx')) },
            {
              path: 'dvo/:dvo/jaarevaluatie',
              lazy: screen(() => import('../features/jaarevaluatie/jaarevaluatie-page.tsx')),
            },
            { path: 'dvo/:dvo/aanleveren', lazy: screen(() => import('../features/aanleveren/aanleveren-page.tsx')) },
            { path: 'dvo/:dvo/afwijkingen', lazy: screen(() => import('../features/overleg/afwijkingen-page.tsx')) },
            { path: 'dvo/:dvo/afwijkingen/:id', lazy: screen(() => import('../features/overleg/afwijking-page.tsx')) },
            { path: 'dvo/:dvo/overleg', lazy: screen(() => import('../features/overleg/overleggen-page.tsx')) },
            { path: 'dvo/:dvo/overleg/:id', lazy: screen(() => import('../features/overleg/overleg-page.tsx')) },
            { path: 'te-doen', lazy: screen(() => import('../features/te-doen/te-doen-page.tsx')) },
            // rarely opened, so loaded when first opened
            { path: 'beheer', lazy: screen(() => import('../features/beheer/beheer-page.tsx')) },
            { path: 'tokens', lazy: screen(() => import('../features/beheer/tokens-page.tsx')) },
            {
              path: '*',
              element: (
                <>
                  <h1>Pagina niet gevonden</h1>
                  <p className="message">
                    Deze pagina bestaat niet. <Link to="/">Naar het maandoverzicht</Link>
                  </p>
                </>
              ),
            },
          ],
        },
      ],
    },
  ]);
let router: ReturnType<typeof createRouter> | undefined;

export function App() {
  // made with the first render (not while the bundle is evaluated), once per page
  router ??= createRouter();
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
