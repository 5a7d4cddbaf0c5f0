/** The memory store and the in-process bus keep the same contract as Redis (two "clients" share one store, as in one process). */
import { describe } from 'vitest';
import { MemoryBus } from '../../src/store/bus.ts';
import { MemoryStore } from '../../src/store/memory.ts';
import { busContract, storeContract } from './contract.ts';

describe('the memory store', () => {
  const store = new MemoryStore();
  storeContract(() => ({ a: store, b: store }));
});

describe('the in-process bus', () => {
  const bus = new MemoryBus();
  busContract(() => ({ a: bus, b: bus }));
});
