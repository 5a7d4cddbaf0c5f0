/**
 * The sandbox status API on a loopback port, recording every POST /v1/complaints (its idempotency key and the
 * ticket it answered) and able to lose the next reply after the complaint is stored (`loseNextReply`, with an
 * optional action first, e.g. killing the service process).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createSandboxRouter } from '../../src/status/sandbox/router.ts';
import { MemoryStore } from '../../src/store/memory.ts';

export interface RecordingStatusApi {
  url: string;
  token: string;
  keys: (string | undefined)[];
  answered: string[];
  /** The next stored complaint's reply never arrives (the socket is cut); `before` runs first. */
  loseNextReply(before?: () => void): void;
  close(): Promise<void>;
}

export async function startRecordingStatusApi(token = 'sandbox-token'): Promise<RecordingStatusApi> {
  const keys: (string | undefined)[] = [];
  const answered: string[] = [];
  let lose: { before?: () => void } | undefined;
  const app = express();
  app.use((req, res, next) => {
    if (req.method !== 'POST' || req.path !== '/v1/complaints') return next();
    keys.push(req.get('idempotency-key'));
    const end = res.end.bind(res) as (...a: unknown[]) => http.ServerResponse;
    res.end = ((chunk: unknown, ...rest: unknown[]) => {
      answered.push(JSON.parse(String(chunk)).ticket as string);
      if (lose) {
        const { before } = lose;
        lose = undefined;
        before?.();
        req.socket.destroy(); // stored, but the reply never arrives
        return res;
      }
      return end(chunk, ...rest);
    }) as typeof res.end;
    next();
  });
  app.use(createSandboxRouter({ store: new MemoryStore(), token }));
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    token,
    keys,
    answered,
    loseNextReply: (before) => { lose = { before }; },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
