/**
 * The conversation scenarios of scenarios.ts run through the pure NLU/knowledge functions alone (router.classify,
 * followUpTarget, kb.item/replyItem, splitLeadIn): shows the data answers each turn before routing is wired.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createRouter } from '../../src/nlu/router.ts';
import type { IntentRouter } from '../../src/nlu/types.ts';
import { loadKnowledgeBase } from '../../src/knowledge/loader.ts';
import type { KnowledgeBase } from '../../src/knowledge/types.ts';
import { followUpTarget, intentCatalog, splitLeadIn } from '../../src/nlu/followup.ts';
import { FOLLOW_UPS, QUESTION_ASKED, type Scenario } from './scenarios.ts';

let router: IntentRouter;
let kb: KnowledgeBase;
beforeAll(async () => {
  router = await createRouter();
  kb = await loadKnowledgeBase('knowledge');
});

/** What the lead's routing is expected to do with these functions. */
function turn(last: string | undefined, say: string, lang: 'id' | 'en'): { intent: string; text: string } {
  const { question } = splitLeadIn(say);
  const text = question || say;
  const nlu = router.classify(text);
  let target = followUpTarget(last, nlu.normalized || text);
  // as routing/resolve.ts: a message naming its programme keeps the classifier's intent of that programme
  if (target && !target.kept && nlu.outcome === 'answer' && intentCatalog().meta(nlu.intent)?.program === target.program) target = { ...target, intent: nlu.intent, item: undefined };
  const intent = target?.intent ?? nlu.intent;
  const item = target?.item ? kb.entryFor(intent)?.items.find((i) => i.id === target.item) : kb.item(intent, target?.aspect ?? null, text, lang);
  const reply = item ? kb.replyItem(intent, item, lang, text) : kb.reply(intent, lang);
  return { intent, text: reply?.map((m) => m.text).join('\n') ?? '' };
}

describe.each([['follow-ups', FOLLOW_UPS], ['the question asked', QUESTION_ASKED]] as [string, Scenario[]][])('%s through the pure functions', (_t, list) => {
  it.each(list.map((s) => [s.name, s] as const))('%s', (_n, sc) => {
    let last: string | undefined;
    for (const [i, t] of sc.turns.entries()) {
      const r = turn(last, t.say, sc.lang);
      const where = `${sc.name}, turn ${i + 1} ("${t.say}")`;
      if (t.expectIntent) expect(r.intent, where).toBe(t.expectIntent);
      if (t.expectText) expect(r.text, where).toMatch(t.expectText);
      if (t.notText) expect(r.text, where).not.toMatch(t.notText);
      last = r.intent;
    }
  });
});
