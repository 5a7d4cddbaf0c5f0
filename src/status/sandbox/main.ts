/**
 * The sandbox status API on its own: `npm run sandbox` (PORT default 4010, HOST default 127.0.0.1,
 * STATUS_API_TOKEN default `sandbox-token`), in-memory state.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createLogger } from '../../observability/logger.ts';
import { MemoryStore } from '../../store/memory.ts';
import { createSandboxRouter } from './router.ts';

const logger = createLogger({ base: { service: 'status-sandbox' } });
const port = Number(process.env.PORT ?? 4010);
const host = process.env.HOST || '127.0.0.1';
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  logger.error(`invalid PORT: ${process.env.PORT}`);
  process.exit(1);
}

const store = new MemoryStore();
const app = express();
app.disable('x-powered-by');
app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});
app.use(createSandboxRouter({ store, token: process.env.STATUS_API_TOKEN || 'sandbox-token', logger }));

const server = http.createServer(app);
server.on('error', (err) => {
  logger.error({ err: err.message }, 'sandbox failed to start');
  process.exit(1);
});
server.listen(port, host, () => {
  const { port: bound } = server.address() as AddressInfo;
  logger.info(`sandbox status API listening on http://${host}:${bound}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    server.close(() => void store.close().then(() => process.exit(0)));
    server.closeAllConnections();
  });
