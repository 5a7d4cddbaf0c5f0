import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createSandboxRouter, type SandboxFaults, type SandboxOptions } from '../../src/status/sandbox/router.ts';
import { MemoryStore } from '../../src/store/memory.ts';
import type { Store } from '../../src/store/types.ts';

export const TOKEN = 'test-token';
/** 2026-11-24 10:00 in Jakarta. */
export const T0 = Date.parse('2026-11-24T03:00:00Z');

export interface Sandbox {
  url: string;
  store: Store;
  /** Mutable clock of the sandbox (ms epoch). */
  clock: { t: number };
  faults: SandboxFaults;
  /** `METHOD /path` of every request that reached the server. */
  hits: string[];
  close(): Promise<void>;
}

/** The sandbox router in an express app on a free loopback port, like the service mounts it. */
export async function startSandbox(opts: Partial<SandboxOptions> & { mountPath?: string } = {}): Promise<Sandbox> {
  const store = opts.store ?? new MemoryStore();
  const clock = { t: T0 };
  const faults: SandboxFaults = opts.faults ?? {};
  const hits: string[] = [];
  const app = express();
  app.use((req, _res, next) => {
    hits.push(`${req.method} ${req.path}`);
    next();
  });
  const mountPath = opts.mountPath ?? '/';
  app.use(mountPath, createSandboxRouter({ token: TOKEN, now: () => clock.t, ...opts, store, faults }));
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${mountPath === '/' ? '' : mountPath}`,
    store,
    clock,
    faults,
    hits,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** A loopback port nothing listens on. */
export async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** The rejection of a promise (fails the test when it resolves). */
export async function rejection(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail');
}
