import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

/** A screen that failed to load or render: a Dutch message instead of a blank page. */
export function RouteError() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <div className="message message-error" role="alert">
      <p>
        {notFound
          ? 'Deze pagina bestaat niet.'
          : 'Dit scherm kon niet worden geladen. Controleer de verbinding en probeer het opnieuw.'}
      </p>
      <p>
        <Link to="/">Naar de startpagina</Link>
      </p>
    </div>
  );
}
