/** The registry of dialogs: every multi-turn dialog of the assistant, by id and by the intent that starts it. */
import type { DialogDef, DialogRegistry } from './types.ts';
import { jhtSimulation } from './simulation/jht.ts';
import { jpSimulation } from './simulation/jp.ts';
import { contributionBpu, contributionRates } from './simulation/contributions.ts';
import { claimStatus, jhtBalance } from './status/participant.ts';
import { complaintCreate, complaintTrack } from './status/complaints.ts';
import { jkkBenefit } from './benefits/jkk.ts';
import { jkpAmount } from './benefits/jkp.ts';
import { jakonContribution } from './benefits/jakon.ts';
import { pmiContribution } from './benefits/pmi.ts';

/** Every multi-turn dialog of the assistant, by id and by the intent that starts it. */
export function createDialogRegistry(): DialogRegistry {
  return createRegistry([jhtSimulation, jpSimulation, contributionRates, contributionBpu, jhtBalance, claimStatus, complaintTrack, complaintCreate, jkkBenefit, jkpAmount, jakonContribution, pmiContribution]);
}

export function createRegistry(defs: DialogDef[]): DialogRegistry {
  const byId = new Map(defs.map((d) => [d.id, d]));
  const byIntent = new Map(defs.map((d) => [d.intent, d]));
  return { get: (id) => byId.get(id), forIntent: (i) => byIntent.get(i), all: () => [...defs] };
}
