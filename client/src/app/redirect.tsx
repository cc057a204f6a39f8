import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';

/**
 * `<Navigate replace>` that yields to the user: the router renders navigations in a transition, so
 * a landing screen that finishes loading just after a menu click would otherwise send the user back.
 * It redirects only while the address bar still shows the page it was rendered for.
 */
export function Redirect({ to }: { to: string }) {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  useEffect(() => {
    if (window.location.pathname === pathname) navigate(to, { replace: true });
  }, [navigate, pathname, to]);
  return null;
}
