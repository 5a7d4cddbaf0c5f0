/**
 * The service as the benchmarks start it: src/server.ts under a command line of its own, so a
 * `pkill -f src/server.ts` meant for a development server elsewhere on the machine does not stop a benchmark's
 * service mid-run. (bench/lib/jessi-dist.mjs does the same for the compiled build.)
 */
await import('../../src/server.ts');
