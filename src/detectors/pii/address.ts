// Street addresses, parsed left to right from a house number: capitalised street words ending in a street
// type ("Mill Road", "Sunset Blvd"), then optional unit ("Apt 4B", "Suite 229"), city, and region with
// postal code (US state + ZIP, UK county + postcode, bare ZIP). Continental layouts ("Hauptstraße 5,
// 10115 Berlin", "Via Roma 12") are read the other way round. Each part is a short sticky pattern.
import type { Candidate, Finder } from './candidate.js';
import { before, isAlnum } from './context.js';

const WORD = "[A-Z\\u00C0-\\u00DE][A-Za-z\\u00C0-\\u024F'-]{0,24}";

/** Street types, full and abbreviated (USPS and Royal Mail usage). */
export const STREET_TYPES = new Set(
  (
    'street st str road rd avenue ave av lane ln drive dr boulevard blvd court ct place pl terrace ter terr way parkway ' +
    'pkwy circle cir highway hwy square sq trail trl close crescent cres row mews alley plaza broadway causeway ' +
    'expressway freeway turnpike esplanade promenade parade gardens gdns'
  ).split(' '),
);
/** Street types that are also everyday words ("Central Park", "2019 Point"): they need a postal region or context. */
export const WEAK_STREET_TYPES = new Set(
  'walk grove hill loop path pike point ridge heights hts crossing xing view vista park green rise end gate wharf quay embankment estate landing bend run'.split(' '),
);
/** Directional and ordinal words that may follow the street type ("Main Street NW"). */
const DIRECTION = /(?: (?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\b)?/y;

const HOUSE_NUMBER = /\b\d{1,6}[A-Za-z]?\b/g;
/** One to five street words after the number: capitalised words or ordinals ("5th"). */
const STREET_WORDS = new RegExp(`(?: (?:${WORD}\\.?|\\d{1,3}(?:st|nd|rd|th))){1,5}`, 'y');
const UNIT = /,? (?:Apt|Apartment|Suite|Ste|Unit|Flat|Floor|Fl|Room|Rm|Bldg|Building|#)\.? ?#?[A-Za-z0-9-]{1,6}\b/y;
const CITY = new RegExp(`,? ${WORD}(?: ${WORD}){0,2}`, 'y');
const US_REGION = /,? [A-Z]{2}(?: \d{5}(?:-\d{4})?)?\b/y;
const UK_REGION = new RegExp(`,?(?: ${WORD}){0,2} [A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2}\\b`, 'y');
const ZIP_ONLY = /,? \d{5}(?:-\d{4})?\b/y;
const COUNTRY = /,? (?:USA|U\.S\.A\.|United States|UK|United Kingdom|England|Scotland|Wales|Ireland|Canada|Australia|Germany|France|Spain|Italy|Netherlands)\b/y;

/** Continental layout: a street word with a street-type ending, then the number, then postcode and city. */
const CONTINENTAL = new RegExp(
  `\\b(?:${WORD}(?:straße|strasse|str\\.|weg|gasse|allee|platz|ring|damm|laan|straat|gracht|plein|kade|vej|gade|gatan|vägen|katu)|(?:Via|Viale|Piazza|Corso|Calle|Avenida|Rua|Rue|Boulevard|Chemin|Allée|Plaza)(?: (?:de|del|la|le|des|du|da|dos|di))?(?: ${WORD}){1,3}) \\d{1,4}[a-z]?\\b`,
  'g',
);
const CONTINENTAL_TAIL = new RegExp(`,? (?:[A-Z]{1,2}-)?\\d{4,5}(?: [A-Z]{2})? ${WORD}(?: ${WORD}){0,1}`, 'y');

export const ADDRESS_PATTERNS: readonly RegExp[] = [DIRECTION, HOUSE_NUMBER, STREET_WORDS, UNIT, CITY, US_REGION, UK_REGION, ZIP_ONLY, COUNTRY, CONTINENTAL, CONTINENTAL_TAIL];

const ADDRESS_CONTEXT = /(?:address|addr|lives at|living at|located at|ship(?:ping)? to|deliver|mail(?:ing)? to|residence|resides|moved to|\bat\b)[^.\n]{0,20}$/;

function stickyAt(re: RegExp, text: string, at: number): number | undefined {
  re.lastIndex = at;
  const m = re.exec(text);
  return m ? at + m[0].length : undefined;
}

/** The end of the street words, cut just after the last street type among them; undefined when none is one. */
function streetEnd(text: string, from: number, to: number): { end: number; weak: boolean } | undefined {
  let cut: { end: number; weak: boolean } | undefined;
  const words = text.slice(from, to).split(' ');
  let offset = from;
  for (const [i, w] of words.entries()) {
    const bare = w.replace(/\.$/, '');
    const type = bare.toLowerCase();
    // A street type needs a name before it: "12 Road" is not an address, "12 Mill Road" is.
    if (i > 0 && (STREET_TYPES.has(type) || WEAK_STREET_TYPES.has(type))) cut = { end: offset + bare.length, weak: !STREET_TYPES.has(type) };
    offset += w.length + 1;
  }
  return cut;
}

/** City, region and postal code after the street (and unit); each optional, read in order. */
function readLocality(text: string, at: number): { end: number; region: boolean } {
  let end = at;
  const regionAt = (p: number) => stickyAt(UK_REGION, text, p) ?? stickyAt(US_REGION, text, p) ?? stickyAt(ZIP_ONLY, text, p);
  const cityEnd = stickyAt(CITY, text, end);
  if (cityEnd !== undefined) {
    // The city pattern is greedy over capitalised words; give words back until a region follows.
    const cityText = text.slice(end, cityEnd);
    const cuts = [cityEnd];
    for (let i = cityText.lastIndexOf(' '); i > 1; i = cityText.lastIndexOf(' ', i - 1)) cuts.push(end + i);
    for (const c of cuts) {
      const r = regionAt(c);
      if (r !== undefined) {
        end = stickyAt(COUNTRY, text, r) ?? r;
        return { end, region: true };
      }
    }
    // A city alone counts when the sentence ends with it.
    if (/^(?:[.;!?)]|\n|$)/.test(text.slice(cityEnd, cityEnd + 1)) && text[end] === ',') return { end: cityEnd, region: false };
  }
  const r = regionAt(end);
  return r !== undefined ? { end: r, region: true } : { end, region: false };
}

function findNumberFirst(text: string, out: Candidate[]): void {
  HOUSE_NUMBER.lastIndex = 0;
  for (let m = HOUSE_NUMBER.exec(text); m; m = HOUSE_NUMBER.exec(text)) {
    const start = m.index;
    const numberEnd = start + m[0].length;
    if (text[start - 1] === '-' || text[start - 1] === '.' || text[start - 1] === '$' || text[start - 1] === '#') continue;
    const wordsEnd = stickyAt(STREET_WORDS, text, numberEnd);
    if (wordsEnd === undefined) continue;
    const street = streetEnd(text, numberEnd + 1, wordsEnd);
    if (street === undefined) continue;
    let end = stickyAt(DIRECTION, text, street.end) ?? street.end;
    end = stickyAt(UNIT, text, end) ?? end;
    const locality = readLocality(text, end);
    end = locality.end;
    const hasContext = ADDRESS_CONTEXT.test(before(text, start, 40));
    const streetOnly = !locality.region;
    if (streetOnly && street.weak && !hasContext) continue;
    const score = streetOnly ? (hasContext ? 0.75 : 0.6) : hasContext ? 0.97 : 0.9;
    const reasons = ['house-number', 'street-type'];
    if (!streetOnly) reasons.push('postal-region');
    if (hasContext) reasons.push('address-context');
    out.push({ type: 'STREET_ADDRESS', start, end, score, reasons });
    HOUSE_NUMBER.lastIndex = end;
  }
}

function findContinental(text: string, out: Candidate[]): void {
  CONTINENTAL.lastIndex = 0;
  for (let m = CONTINENTAL.exec(text); m; m = CONTINENTAL.exec(text)) {
    const start = m.index;
    let end = start + m[0].length;
    if (isAlnum(text[end])) continue;
    const tail = stickyAt(CONTINENTAL_TAIL, text, end);
    const hasContext = ADDRESS_CONTEXT.test(before(text, start, 40));
    if (tail === undefined && !hasContext) continue;
    end = tail ?? end;
    out.push({ type: 'STREET_ADDRESS', start, end, score: tail !== undefined ? 0.85 : 0.65, reasons: ['continental-layout'] });
  }
}

export const addressFinder: Finder = {
  id: 'street-address',
  types: ['STREET_ADDRESS'],
  find(text) {
    const out: Candidate[] = [];
    findNumberFirst(text, out);
    findContinental(text, out);
    return out;
  },
};
