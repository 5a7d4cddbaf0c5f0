// Finishes `npm run build` after tsc has compiled src/ and adapters/ into dist/: copies the files the compiled code
// reads next to itself, and links the intents folder where src/nlu looks for it (../../intents from dist/src/nlu).
// Run the result with `npm run start:prod` (node dist/src/server.js): plain JavaScript, no TypeScript loader.
import { copyFileSync, existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';

mkdirSync('dist/adapters/web', { recursive: true });
copyFileSync('adapters/web/demo.html', 'dist/adapters/web/demo.html');
mkdirSync('dist/adapters/agent/ui', { recursive: true });
for (const f of ['console.html', 'insights.html', 'console.css']) copyFileSync(`adapters/agent/ui/${f}`, `dist/adapters/agent/ui/${f}`);
if (existsSync('dist/intents')) rmSync('dist/intents', { recursive: true, force: true });
symlinkSync('../intents', 'dist/intents', 'dir');
console.log('dist/: compiled; start with `node dist/src/server.js`');
