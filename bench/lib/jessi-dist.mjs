// The compiled service (dist/src/server.js, `npm run build` first) as the benchmarks start it, plain JavaScript
// without a TypeScript loader, under a command line of its own (see bench/lib/jessi-server.ts).
await import('../../dist/src/server.js');
