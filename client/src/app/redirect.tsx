import { useEffect } from 'react';
import { useLocation, useNavigate, useNavigation } from 'react-router';

/**
 * `<Navigate replace>` that yields to the user: a landing screen that finishes loading just after a
 * menu click would otherwise send the user back. It redirects only while no other navigation is
 * under way (a screen that loads its code keeps the old address until it is there) and the address
 * bar still shows the page it was rendered for (the router renders navigations in a transition).
 */
export function Redirect({ to }: { to: string }) {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const navigating = useNavigation().state !== 'idle';
  useEffect(() => {
    if (!navigating && window.location.pathname === pathname) navigate(to, { replace: true });
  }, [navigate, navigating, pathname, to]);
  return null;
}
