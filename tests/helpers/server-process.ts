import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.join(import.meta.dirname, '..', '..');

export interface RunningServer {
  url: string;
  dbFile: string;
  /** Everything the process printed so far. */
  output(): string;
  /** The beheerder password printed at first start, if any. */
  beheerderPassword: string | null;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Starts the product as `npm start` does (server/main.ts through tsx) on a free port with its own
 * database file, and waits until it listens.
 */
export async function startServer(env: Record<string, string> = {}, dbFile?: string): Promise<RunningServer> {
  const dir = dbFile ? null : mkdtempSync(path.join(tmpdir(), 'dvo-e2e-'));
  const database = dbFile ?? path.join(dir as string, 'e2e.db');
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_PATH: database, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 180 s:\n${output}`)), 180_000);
    const check = () => {
      if (output.includes('dvo-monitor draait op')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  const password = /wachtwoord:\s+(\S+)/.exec(output)?.[1] ?? null;
  return {
    url: `http://127.0.0.1:${port}`,
    dbFile: database,
    output: () => output,
    beheerderPassword: password,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
