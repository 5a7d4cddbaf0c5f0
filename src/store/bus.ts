/** The in-process Bus: one instance, no Redis. Messages are JSON round-tripped like the Redis bus does. */
import { EventEmitter } from 'node:events';
import type { Bus } from './types.ts';

export class MemoryBus implements Bus {
  private readonly events = new EventEmitter().setMaxListeners(0);
  private closed = false;

  async publish(topic: string, message: unknown): Promise<void> {
    if (this.closed) return;
    const json = JSON.stringify(message);
    // Asynchronous like a real broker: a publisher never runs its subscribers inside its own call.
    queueMicrotask(() => this.events.emit(topic, JSON.parse(json)));
  }

  async subscribe(topic: string, handler: (message: unknown) => void): Promise<() => Promise<void>> {
    const listener = (m: unknown) => {
      try {
        handler(m);
      } catch {
        // a failing subscriber does not stop the others
      }
    };
    this.events.on(topic, listener);
    return async () => {
      this.events.off(topic, listener);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.events.removeAllListeners();
  }
}
