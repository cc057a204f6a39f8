import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Session } from '../shared/contracts/session.ts';

/** The meta tag the client reads its session from (client/src/lib/session-query.ts). */
export const SESSION_META = 'dvo-session';

function escapeAttribute(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The app shell (dist/client/index.html) with the session of the request written into it, so the
 * app renders the page the user asked for at once instead of first asking who is logged in: the
 * month screen's first paint is the screen itself. `null` says nobody is logged in (the login screen).
 * The CSRF token in it is the one `GET /api/session` gives the same cookie; the page is never cached.
 */
export async function renderShell(clientDist: string, session: Session | null): Promise<string> {
  const template = await readFile(path.join(clientDist, 'index.html'), 'utf8');
  const meta = `<meta name="${SESSION_META}" content="${escapeAttribute(JSON.stringify(session))}" />`;
  return template.replace('</head>', `    ${meta}\n  </head>`);
}
