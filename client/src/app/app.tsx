import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { sessionQuery } from '../features/auth/api.ts';
import { LoginPage } from '../features/auth/login-page.tsx';
import { dvosQuery } from '../features/catalogue/api.ts';
import { CataloguePage } from '../features/catalogue/catalogue-page.tsx';
import { ApiError } from '../lib/api-client.ts';
import { Layout } from './layout.tsx';

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
  if (query.isPending) return <p role="status">Bezig met laden…</p>;
  const first = query.data?.dvos[0];
  if (!first) return <p className="message">U heeft nog geen toegang tot een DVO. Vraag de beheerder om toegang.</p>;
  return <Navigate to={`/dvo/${first.slug}/afspraken`} replace />;
}

function Authenticated() {
  const session = useQuery(sessionQuery);
  if (session.isPending) return <p role="status">Bezig met laden…</p>;
  if (session.isError) return <p role="alert">De server is niet bereikbaar. Probeer het later opnieuw.</p>;
  if (!session.data) return <LoginPage />;
  return <Layout session={session.data} />;
}

const router = createBrowserRouter([
  {
    path: '/',
    element: <Authenticated />,
    children: [
      { index: true, element: <Home /> },
      { path: 'dvo/:dvo/afspraken', element: <CataloguePage /> },
      { path: '*', element: <p className="message">Deze pagina bestaat niet.</p> },
    ],
  },
]);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
