/**
 * The stateless peer of `npm run bench:peer`: an NLP.js (@nlpjs/basic, with @nlpjs/lang-id) + express bot trained on
 * Jessi's own training data (every utterance of intents/*.yaml, Indonesian and English), answering
 * POST /api/chat with the classified intent and that intent's answer text from knowledge/answers/ (raw, unrendered).
 * No session, no state, no rate limit, no logging: classification + a JSON response, the least a chat bot does.
 * Run as its own process: `PORT=3100 node --import tsx bench/lib/peer-server.ts` prints `ready <ms>` once trained.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import express from 'express';
import { parse } from 'yaml';
import { loadIntents } from '../../src/nlu/data.ts';

const require = createRequire(import.meta.url);
const { containerBootstrap, Nlp } = require('@nlpjs/basic') as { containerBootstrap: () => Promise<NlpContainer>; Nlp: new (settings: object) => NlpManager };
const { LangId } = require('@nlpjs/lang-id') as { LangId: unknown };

interface NlpContainer {
  use(plugin: unknown): void;
}
interface NlpManager {
  addLanguage(lang: string): void;
  addDocument(lang: string, text: string, intent: string): void;
  addAnswer(lang: string, intent: string, answer: string): void;
  train(): Promise<void>;
  process(text: string): Promise<{ intent: string; score: number; answer?: string; locale: string }>;
}

const t0 = performance.now();
const container = await containerBootstrap();
container.use(LangId);
const nlp = new Nlp({ container, autoSave: false, autoLoad: false, nlu: { log: false } });
nlp.addLanguage('id');
nlp.addLanguage('en');
for (const intent of loadIntents()) {
  for (const u of intent.utterances.id) nlp.addDocument('id', u, intent.intent);
  for (const u of intent.utterances.en) nlp.addDocument('en', u, intent.intent);
}
const answers = join(import.meta.dirname, '../../knowledge/answers');
for (const f of readdirSync(answers).filter((n) => n.endsWith('.yaml'))) {
  const doc = parse(readFileSync(join(answers, f), 'utf8')) as { intent?: string; answer?: { id?: string; en?: string } };
  if (!doc?.intent) continue;
  if (typeof doc.answer?.id === 'string') nlp.addAnswer('id', doc.intent, doc.answer.id);
  if (typeof doc.answer?.en === 'string') nlp.addAnswer('en', doc.intent, doc.answer.en);
}
await nlp.train();

const app = express();
app.disable('x-powered-by');
app.use(express.json({ limit: '16kb' }));
app.post('/api/chat', async (req, res, next) => {
  try {
    const text = typeof req.body?.text === 'string' ? req.body.text : '';
    if (!text) return res.status(400).json({ error: 'text required' });
    const r = await nlp.process(text);
    res.json({ messages: [{ text: r.answer ?? 'Maaf, saya belum mengerti.' }], intent: { id: r.intent, confidence: r.score } });
  } catch (e) {
    next(e);
  }
});
app.listen(Number(process.env.PORT ?? 3100), '127.0.0.1', () => console.log(`ready ${Math.round(performance.now() - t0)}`));
