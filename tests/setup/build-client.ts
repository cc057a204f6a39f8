import { ensureClientBuilt } from '../../server/build-client.ts';

/**
 * Vitest global setup: build the client once before any test file starts a server, so parallel
 * browser tests never race to rebuild dist/client.
 */
export default async function setup(): Promise<void> {
  await ensureClientBuilt({ info: () => undefined });
}
