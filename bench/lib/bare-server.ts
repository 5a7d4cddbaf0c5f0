/**
 * The floor of `npm run bench:peer` (and of `npm run bench`): a bare express JSON echo on POST /api/chat, the
 * least any express JSON API costs. Run as its own process: `PORT=3101 node --import tsx bench/lib/bare-server.ts`
 * prints `ready <ms>`.
 */
import express from 'express';

const t0 = performance.now();
const app = express();
app.disable('x-powered-by');
app.use(express.json({ limit: '16kb' }));
app.post('/api/chat', (req, res) => {
  res.json({ sessionId: 'x', messages: [{ text: String(req.body.text) }] });
});
app.listen(Number(process.env.PORT ?? 3101), '127.0.0.1', () => console.log(`ready ${Math.round(performance.now() - t0)}`));
