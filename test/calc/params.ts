/** Test helper: the real program figures from knowledge/rules.yaml. */
import { loadCalcParams } from '../../src/calc/params.ts';
export const params = await loadCalcParams('knowledge/rules.yaml');
