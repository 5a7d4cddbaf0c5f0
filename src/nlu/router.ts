/**
 * The intent router: normalise → correct typos → features → naive Bayes → calibrated confidence → outcome.
 * Trained at start-up from intents/*.yaml (a few tens of milliseconds).
 */
import { resolve } from 'node:path';
import type { IntentCandidate, IntentRouter, NluResult, RouteOutcome } from './types.ts';
import { DEFAULT_INTENTS_DIR, loadIntents, loadKeywords } from './data.ts';
import { getLexicon, type Lexicon } from './lexicon.ts';
import { normalizeTokens } from './normalize.ts';
import { extractFeatures, TICKET } from './features.ts';
import { NaiveBayes, softmax, type TrainingDoc } from './classifier.ts';
import { TypoCorrector } from './typo.ts';
import { TextMemo } from './memo.ts';
import { indonesianDictionary } from './stem.ts';
import { findClaimNumber, findTicket } from './entities/identifiers.ts';
import type { IntentCue } from './data.ts';
import { intentCatalog, type IntentCatalog, type IntentMeta } from './followup.ts';

export const OUT_OF_SCOPE = 'out_of_scope';

/** Calibration constants (see README of intents/ and the eval command). */
export const CALIBRATION = {
  /** scale of the NB scores before the softmax (temperature⁻¹) */
  scale: 0.55,
  /** share of known content words at and above which coverage does not reduce confidence */
  fullCoverage: 0.6,
  /** answer when confidence ≥ this and the margin to the runner-up is large enough */
  answer: 0.5,
  answerMargin: 0.2,
  /** below this confidence nothing fits: fall back */
  ask: 0.15,
  /** candidates offered in an ask must have at least this share of the top score */
  askShare: 0.35,
  ticketBonus: 3,
};

const MAX_TOKENS = 160;
/** uncached stemmer calls per message; typo look-ups per message */
const STEM_BUDGET = 24;
const TYPO_BUDGET = 8;

interface Cue {
  intent: number;
  phrase: string[];
  weight: number;
}

function capTokens(tokens: string[]): string[] {
  if (tokens.length <= MAX_TOKENS) return tokens;
  return [...tokens.slice(0, 100), ...tokens.slice(-60)];
}

function hasPhrase(tokens: string[], phrase: string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (tokens[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

export class Router implements IntentRouter {
  private readonly nb: NaiveBayes;
  private readonly vocab = new Map<string, number>();
  private readonly typo: TypoCorrector;
  private readonly cues: Cue[] = [];
  private readonly labels: string[];
  /** label index → identifier cues of its metadata */
  private readonly cueIntents: { cue: IntentCue; index: number }[] = [];
  readonly catalog: IntentCatalog;
  /** Results of messages seen recently (a new router, after a content reload, starts empty). */
  private readonly results = new TextMemo<NluResult>();

  constructor(private readonly lex: Lexicon, dir: string) {
    const intents = loadIntents(dir);
    const docs: TrainingDoc[] = [];
    for (const it of intents) {
      for (const u of [...it.utterances.id, ...it.utterances.en]) {
        const tokens = normalizeTokens(u, lex);
        for (const t of tokens) if (/^[a-z]+$/.test(t)) this.vocab.set(t, (this.vocab.get(t) ?? 0) + 1);
        docs.push({ label: it.intent, counts: extractFeatures(tokens, lex).counts });
      }
    }
    if (!intents.some((i) => i.intent === OUT_OF_SCOPE)) throw new Error(`${dir}: ${OUT_OF_SCOPE}.yaml is required`);
    this.nb = new NaiveBayes(docs);
    this.labels = this.nb.labels;
    this.catalog = intentCatalog(dir);
    for (const it of intents) for (const cue of it.cues ?? []) this.cueIntents.push({ cue, index: this.labels.indexOf(it.intent) });
    const names = [...lex.keep].filter((w) => w.length >= 5);
    this.typo = new TypoCorrector(this.vocab, names);
    for (const c of loadKeywords(dir).cues) {
      const idx = this.labels.indexOf(c.intent);
      if (idx < 0) throw new Error(`${dir}/keywords.yaml: cue intent "${c.intent}" has no intents/${c.intent}.yaml`);
      for (const p of c.phrases) this.cues.push({ intent: idx, phrase: normalizeTokens(p, lex), weight: c.weight });
    }
  }

  intents(): string[] {
    return [...this.labels];
  }

  /** programme / aspect / menu / cues of an intent (intents/<id>.yaml). */
  meta(intent: string): IntentMeta | undefined {
    return this.catalog.meta(intent);
  }

  private correct(tokens: string[]): string[] {
    const dict = indonesianDictionary();
    const out: string[] = [];
    let budget = TYPO_BUDGET;
    for (const t of tokens) {
      // A known word with a clitic ("langkahnya", "saldoku") is not a typo of another word.
      const bare = t.length > 5 ? t.replace(/(nya|lah|kah|pun|ku|mu)$/, '') : t;
      const known = (w: string) => this.vocab.has(w) || dict.has(w) || this.lex.known.has(w) || this.lex.english.has(w);
      if (!/^[a-z]+$/.test(t) || known(t) || (bare !== t && known(bare))) {
        out.push(t);
        continue;
      }
      const fix = budget-- > 0 ? this.typo.correct(t) : null;
      if (fix) out.push(...fix);
      else out.push(t);
    }
    return out;
  }

  /**
   * Classify a message (language is not this router's business: the `language` step decides it once).
   * The result depends on the text alone, and people send the same few hundred messages over and over, so the
   * results are remembered (src/nlu/memo.ts: short texts without a digit); they are frozen, shared by every turn
   * that sends the same text.
   */
  classify(text: string): NluResult {
    if (typeof text !== 'string') return this.classifyNow('');
    return this.results.get(text, (t) => freezeResult(this.classifyNow(t)));
  }

  private classifyNow(text: string): NluResult {
    try {
      return this.route(text);
    } catch {
      return { intent: OUT_OF_SCOPE, confidence: 0, candidates: [{ intent: OUT_OF_SCOPE, score: 0 }], outcome: 'fallback', normalized: '' };
    }
  }

  private route(text: string): NluResult {
    // a claim number (KLM-2026-000871) is a claim-status cue, not a ticket: it reads as the word "klaim"
    const tokens = this.correct(capTokens(normalizeTokens(typeof text === 'string' ? text : '', this.lex))).map((t) => (/^klm-\d/.test(t) ? 'klaim' : t));
    const normalized = tokens.join(' ');
    const { counts, content } = extractFeatures(tokens, this.lex, { left: STEM_BUDGET });
    const known = content.filter((s) => this.nb.has('w:' + s)).length;
    const hasTicket = tokens.some((t) => TICKET.test(t));
    const fallback = (confidence: number): NluResult => ({
      intent: OUT_OF_SCOPE,
      confidence,
      candidates: [{ intent: OUT_OF_SCOPE, score: confidence }],
      outcome: 'fallback',
      normalized,
    });
    if (known === 0 && !hasTicket) return fallback(0);

    const z = this.nb.scores(counts);
    for (let c = 0; c < z.length; c++) z[c] *= CALIBRATION.scale;
    for (const cue of this.cues) if (hasPhrase(tokens, cue.phrase)) z[cue.intent] += cue.weight;
    const raw = typeof text === 'string' ? text : '';
    if (this.cueIntents.length && /\d/.test(raw)) {
      // identifier cues come from the intents' metadata (`cues: [ticket]`, `cues: [claim_number]`)
      const present = { ticket: findTicket(raw) !== null, claim_number: findClaimNumber(raw) !== null, identity: false };
      for (const c of this.cueIntents) if (present[c.cue]) z[c.index] += CALIBRATION.ticketBonus;
    }
    const p = softmax(z, 1);
    const order = [...p.keys()].sort((a, b) => p[b] - p[a]);
    const coverage = content.length ? known / content.length : 1;
    const factor = Math.min(1, coverage / CALIBRATION.fullCoverage);
    const p1 = p[order[0]];
    const p2 = p[order[1]] ?? 0;
    const confidence = p1 * factor;
    const top = this.labels[order[0]];
    const candidates: IntentCandidate[] = order.slice(0, 5).map((i) => ({ intent: this.labels[i], score: round(p[i] * factor) }));

    let outcome: RouteOutcome;
    if (confidence >= CALIBRATION.answer && p1 - p2 >= CALIBRATION.answerMargin) outcome = 'answer';
    else if (confidence >= CALIBRATION.ask) outcome = 'ask';
    else return { ...fallback(round(confidence)), candidates };

    if (outcome === 'ask') {
      // offer only real alternatives; out_of_scope is not a button
      const alts = candidates.filter((c, i) => i < 3 && c.intent !== OUT_OF_SCOPE && c.score >= candidates[0].score * CALIBRATION.askShare);
      // an unsure out_of_scope is a fallback: nothing fits well enough
      if (top === OUT_OF_SCOPE) return { ...fallback(round(confidence)), candidates };
      if (alts.length < 2 && confidence >= CALIBRATION.answer) outcome = 'answer';
    }
    return { intent: top, confidence: round(confidence), candidates, outcome, normalized };
  }
}

function freezeResult(r: NluResult): NluResult {
  for (const c of r.candidates) Object.freeze(c);
  Object.freeze(r.candidates);
  return Object.freeze(r);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export async function createRouter(opts: { intentsDir?: string } = {}): Promise<IntentRouter> {
  // async for callers that await it; training itself is synchronous
  const dir = resolve(opts.intentsDir ?? DEFAULT_INTENTS_DIR);
  return new Router(getLexicon(dir), dir);
}
