// Health and financial vocabulary: lower-confidence signals that a text is about someone's health or money.
// They raise a document's sensitivity (with an identifier nearby they make it special-category data) but
// are not identifiers themselves, so their scores stay below the identifier types.
import type { Candidate, Finder, PiiType } from './candidate.js';

export const TERM_RULES: readonly { type: PiiType; pattern: RegExp; score: number }[] = [
  {
    type: 'HEALTH',
    pattern:
      /\b(?:diagnos(?:is|ed|es)|prognosis|prescri(?:bed|ption)|medications?|dosage|symptoms?|patient history|medical (?:record|history|condition)|treatment plan|chemotherapy|radiotherapy|diabet(?:es|ic)|hypertension|asthma|epilepsy|cancer|tumou?r|hiv|aids|hepatitis|tuberculosis|pregnan(?:t|cy)|depression|anxiety disorder|bipolar|schizophrenia|dementia|alzheimer'?s|allerg(?:y|ies|ic to)|blood type|icd-?10|mental health|disability|surgery|insulin|antidepressants?|opioids?|rehab(?:ilitation)?)\b/gi,
    score: 0.4,
  },
  {
    type: 'FINANCIAL',
    pattern:
      /\b(?:account number|acct(?:\.|ount)? no|routing number|sort code|swift(?: code)?|bic code|credit score|credit limit|salary|annual income|net worth|tax return|bank statement|loan (?:amount|balance)|mortgage|overdraft|payslip|pay stub|account balance|debt|bankruptcy|wire transfer|cvv|pin code)\b/gi,
    score: 0.35,
  },
];

export const termsFinder: Finder = {
  id: 'terms',
  types: ['HEALTH', 'FINANCIAL'],
  find(text) {
    const out: Candidate[] = [];
    for (const rule of TERM_RULES) {
      rule.pattern.lastIndex = 0;
      for (let m = rule.pattern.exec(text); m; m = rule.pattern.exec(text)) {
        out.push({ type: rule.type, start: m.index, end: m.index + m[0].length, score: rule.score, reasons: ['term'], extra: { term: m[0].toLowerCase() } });
      }
    }
    return out;
  },
};
