// Entry point: `npm start`. Loads the configuration, builds the service and listens.
process.env.DOTENV_CONFIG_QUIET ??= 'true';
import { ConfigError, loadConfig, startupWarnings } from './config.ts';

async function main(): Promise<void> {
  try {
    loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`jessi: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  const { createApp } = await import('./app.ts');
  // Start-up garbage is given back before /readyz says ready (src/startup-gc.ts).
  const jessi = await createApp({}, { releaseStartupGarbage: true });
  const { logger, config } = jessi;
  const server = await jessi.listen();
  const url = `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${config.PORT}`;
  logger.info({ url }, `listening on ${url}`);
  for (const w of startupWarnings(config)) logger.warn(w);
  jessi.ready.then(
    () => logger.info('ready: knowledge and models loaded'),
    (err: unknown) => {
      logger.fatal({ err: err instanceof Error ? err.message : String(err) }, 'start-up failed');
      process.exit(1);
    },
  );

  let stopWhatsApp: (() => Promise<void>) | undefined;
  if (config.WHATSAPP_ENABLED) {
    const { startWhatsApp } = await import('./whatsapp.ts');
    stopWhatsApp = await startWhatsApp(jessi);
  }

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight turns');
    const force = setTimeout(() => process.exit(1), config.SHUTDOWN_GRACE_MS).unref();
    server.close(async () => {
      try {
        await stopWhatsApp?.();
        await jessi.close();
      } finally {
        clearTimeout(force);
        logger.info('stopped');
        process.exit(0);
      }
    });
    // Keep-alive connections that go idle once their last turn is answered are closed too.
    server.closeIdleConnections();
    setInterval(() => server.closeIdleConnections(), 100).unref();
  };
  // Content edits without a restart: `kill -HUP <pid>` reloads knowledge/ and intents/ (validated first; on any
  // problem the running content stays and the file and field are logged). Reloads never overlap.
  let reloading: Promise<unknown> = Promise.resolve();
  const reload = (why: string) => {
    reloading = reloading.then(() => {
      logger.info({ trigger: why }, 'reloading content');
      return jessi.reloadContent();
    });
  };
  process.on('SIGHUP', () => reload('SIGHUP'));
  if (config.CONTENT_WATCH) {
    const { watch } = await import('node:fs');
    let timer: NodeJS.Timeout | undefined;
    for (const dir of [config.KNOWLEDGE_DIR, config.INTENTS_DIR]) {
      watch(dir, { recursive: true }, () => {
        clearTimeout(timer);
        timer = setTimeout(() => reload('file change'), 200);
      }).unref();
    }
    logger.info('CONTENT_WATCH=1: content reloads when a file in knowledge/ or intents/ changes');
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error('jessi: failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
