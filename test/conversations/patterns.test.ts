/**
 * #10 conversation patterns 1 (follow-ups keep the topic), 2 (the question actually asked), 6 (multi-part and
 * repair) and 7 (identity only on a clear cue), driven through the real service, in Indonesian and English.
 * Scenarios marked `wired: false` wait for the lead's routing (the `todo` names the function to call); enable them
 * by flipping `wired` in scenarios.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type Service } from '../helpers/service.ts';
import { FOLLOW_UPS, IDENTITY, MULTI_PART, OWN_NUMBERS, QUESTION_ASKED, type Scenario } from './scenarios.ts';

let svc: Service;
beforeAll(async () => {
  svc = await startService({ RATE_LIMIT_PER_MINUTE: 0, SESSION_RATE_LIMIT_PER_MINUTE: 0 });
});
afterAll(() => svc?.close());

async function run(sc: Scenario): Promise<void> {
  const session = {};
  for (const [i, t] of sc.turns.entries()) {
    const r = await svc.say(session, t.say);
    const shown = [r.text, ...r.buttons.map((b) => b.title)].join('\n');
    const where = `${sc.name}, turn ${i + 1} ("${t.say}")`;
    expect(r.status, where).toBe(200);
    if (t.expectIntent) expect(r.intent?.id, where).toBe(t.expectIntent);
    if (t.expectText) expect(shown, where).toMatch(t.expectText);
    if (t.notText) expect(shown, where).not.toMatch(t.notText);
  }
}

const table = (title: string, list: Scenario[]) =>
  describe(title, () => {
    it('has scenarios in both languages', () => {
      expect(new Set(list.map((s) => s.lang))).toEqual(new Set(['id', 'en']));
    });
    for (const sc of list) {
      // TODO(lead): each skipped scenario names the function routing must call (sc.todo)
      (sc.wired ? it : it.skip)(`[${sc.lang}] ${sc.name}${sc.wired ? '' : ` (TODO: ${sc.todo})`}`, () => run(sc));
    }
  });

table('#10.1 follow-ups keep the topic', FOLLOW_UPS);
table('#10.2 the answer to the question asked', QUESTION_ASKED);
table('the user\'s own numbers in the next question', OWN_NUMBERS);
table('#10.6 multi-part messages and repair', MULTI_PART);
table('#10.7 identity only on a clear cue', IDENTITY);
