import { createRegistry, type DialogRegistry } from './types.ts';
import { jhtSimulation } from './simulation/jht.ts';
import { jpSimulation } from './simulation/jp.ts';
import { contributionBpu, contributionRates } from './simulation/contributions.ts';
import { claimStatus, jhtBalance } from './status/participant.ts';
import { complaintCreate, complaintTrack } from './status/complaints.ts';

/** Every multi-turn dialog of the assistant, by id and by the intent that starts it. */
export function createDialogRegistry(): DialogRegistry {
  return createRegistry([jhtSimulation, jpSimulation, contributionRates, contributionBpu, jhtBalance, claimStatus, complaintTrack, complaintCreate]);
}
