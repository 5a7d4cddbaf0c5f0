/** Entity extraction over raw user text (pure functions, lower-casing inside). */
export { parseAmount, extractAmounts, isVagueAmount, parseNumeral, type AmountMatch, type AmountLabel } from './amount.ts';
export { parseDuration, findDurations, type Duration, type DurationMatch } from './duration.ts';
export { parseDate, findDates, type ParsedDate, type DateMatch } from './date.ts';
export { parsePercent, findPercents, type PercentMatch } from './percent.ts';
export {
  findPii, findNik, findKpj, findPhone, findEmail, findTicket, findTickets, parseIdentifier, extractIdentifiers,
  maskNik, maskKpj, maskPhone, maskEmail, type PiiMatch, type PiiKind,
} from './identifiers.ts';
export { wordsToNumber, findNumberWords, parseBareNumber, isNumberWord, isMagnitudeWord, type NumberWordsMatch } from './numwords.ts';
