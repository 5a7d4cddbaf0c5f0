/**
 * Start-up garbage, given back before the service says it is ready. Training the classifier and reading the
 * content allocate a lot once; V8 grows its young generation for that (up to 2 × 16 MB) and keeps it, and the old
 * generation keeps pages of what start-up threw away. One memory-reducing full collection (the one DevTools'
 * "collect garbage" runs, through the in-process inspector: no flag, no port) returns them: about 35 MB of RSS at
 * ready (bench:memory). It takes a few tens of milliseconds, once. Without an inspector (a Node built without
 * one) nothing happens.
 */
import type { Session } from 'node:inspector';

export async function releaseStartupGarbage(): Promise<void> {
  let session: Session | undefined;
  try {
    const inspector = await import('node:inspector');
    session = new inspector.Session();
    session.connect();
    const collect = () => new Promise<void>((resolve, reject) => session!.post('HeapProfiler.collectGarbage', (err) => (err ? reject(err) : resolve())));
    await collect();
  } catch {
    // no inspector in this build: keep going with what V8 holds
  } finally {
    session?.disconnect();
  }
}
