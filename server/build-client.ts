import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLIENT_DIST } from './app.ts';
import type { Logger } from './setup.ts';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function builtAt(): number {
  try {
    return statSync(path.join(CLIENT_DIST, 'index.html')).mtimeMs;
  } catch {
    return 0;
  }
}

/** Builds the client with Vite when dist/client is missing or older than the client's sources. */
export async function ensureClientBuilt(log: Logger): Promise<void> {
  const sources = Math.max(
    newestMtime(path.join(root, 'client')),
    newestMtime(path.join(root, 'shared')),
    statSync(path.join(root, 'vite.config.ts')).mtimeMs,
  );
  if (builtAt() >= sources) return;
  log.info('Client bouwen (vite build)…');
  await buildClient();
}

/** The production build of the client into dist/client; `manifest` adds .vite/manifest.json (for the bench). */
export async function buildClient(options: { manifest?: boolean } = {}): Promise<void> {
  const { build } = await import('vite');
  // React's JSX runtime and the `development` export condition (react-router ships a slower
  // development build) follow NODE_ENV, not Vite's mode: a test runner's NODE_ENV=test would
  // produce a development build. Production while building, then as it was.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: path.join(root, 'vite.config.ts'),
      logLevel: 'warn',
      mode: 'production',
      build: { manifest: options.manifest ?? false },
    });
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}
