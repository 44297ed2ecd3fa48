// Phrase signals: the wording of instruction overrides, role hijacks, prompt extraction, fake chat-role
// markers, exfiltration and tool-call requests. Patterns run on the normalised text (normalize.ts: lower
// case, single spaces, `\n` for line breaks, obfuscation removed). Each weight is log-odds added to the
// classifier's score for the segment where the phrase occurs: strong phrases decide alone, weak ones need
// the classifier to agree. Every pattern is checked for linear time by the regex-safety test.

export interface PhraseSignal {
  id: string;
  description: string;
  /** Global regex over normalised text. */
  pattern: RegExp;
  /** Log-odds added to the segment's classifier logit when the phrase occurs (once per segment). */
  weight: number;
}

const WORD = "[a-z0-9']{1,20}";
/** Up to n filler words, each preceded by one space. */
const FILL = (n: number) => `(?:\\s${WORD}){0,${n}}`;
const re = (source: string) => new RegExp(source, 'g');

const OVERRIDE_VERB = '(?:ignore|ignoring|disregard|forget|override|bypass|skip|discard|abandon|neglect|overwrite|erase)';
const QUALIFIER = '(?:previous|prior|above|earlier|preceding|former|initial|original|old|existing|system|safety|all|your|any|every)';
const DIRECTIVE =
  '(?:instructions?|directives?|directions|rules|prompts?|guidelines|guidance|context|commands?|constraints|restrictions|programming|guardrails|polic(?:y|ies)|filters|safeguards|orders|messages?|training|limitations|ethics|morals|text|content|input|tasks?)';
const AI = '(?:ai|assistant|llm|language\\smodel|chatbot|agent|model|bot|gpt|chatgpt|claude|copilot)';

export const PHRASE_SIGNALS: readonly PhraseSignal[] = [
  {
    id: 'override-instructions',
    description: 'tells the model to ignore or replace its earlier instructions',
    pattern: re(`\\b${OVERRIDE_VERB}\\b${FILL(3)}\\s${QUALIFIER}\\b${FILL(2)}\\s${DIRECTIVE}\\b`),
    weight: 3.5,
  },
  {
    id: 'override-everything',
    description: 'tells the model to forget or ignore everything said before',
    pattern: re(`\\b(?:ignore|disregard|forget)\\s(?:all\\s(?:of\\s)?)?(?:the\\s)?(?:above|everything|what\\s(?:i|you)\\s(?:said|told\\syou|were\\stold))\\b`),
    weight: 2,
  },
  {
    id: 'new-instructions',
    description: 'announces new or real instructions, or a rule for the rest of the conversation',
    pattern: re(`\\b(?:new|updated|real|actual|true|revised|secret|hidden|override)\\s(?:instructions?|task|directives?|rules|orders|objective|goal|system\\sprompt)\\s?:|\\bfor\\sthe\\srest\\sof\\s(?:this|the|our)\\s(?:conversation|chat|session)\\b`),
    weight: 1.5,
  },
  { id: 'from-now-on', description: 'changes behaviour from now on', pattern: re(`\\bfrom\\snow\\son\\b|\\bhenceforth\\b|\\bhenceforward\\b`), weight: 0.8 },
  {
    id: 'role-hijack',
    description: 'assigns the model a new unrestricted identity',
    pattern: re(
      `\\byou\\sare\\s(?:now|no\\slonger)\\b|\\b(?:act|behave|respond|answer|roleplay)\\sas\\s(?:if\\syou\\s(?:are|were)\\s)?(?:an?\\s)?(?:unrestricted|unfiltered|uncensored|evil|jailbroken|amoral|immoral|rogue|malicious|unethical|unlimited)\\b|\\bpretend\\s(?:that\\s)?(?:you\\s(?:are|have)|to\\sbe)\\s(?:an?\\s)?(?:unrestricted|unfiltered|uncensored|evil|jailbroken|amoral|free|no\\s|not\\s|without)`,
    ),
    weight: 2,
  },
  {
    id: 'role-play',
    description: 'asks the model to play a role (weak alone)',
    pattern: re(`\\b(?:pretend|imagine)\\s(?:that\\s)?you\\s(?:are|were)\\b|\\b(?:act|roleplay)\\sas\\b|\\byou\\s(?:will|must|shall)\\s(?:now\\s)?(?:act|play|be|pretend|respond|simulate)\\b`),
    weight: 0.5,
  },
  {
    id: 'jailbreak-persona',
    description: 'names a known jailbreak persona or mode',
    pattern: re(`\\b(?:do\\sanything\\snow|developer\\smode|dev\\smode|god\\smode|jailbreak\\smode|unrestricted\\smode|jailbroken|dan\\smode|evil\\sconfidant|anti-?gpt|betterdan|unfiltered\\sai|uncensored\\sai)\\b`),
    weight: 2.5,
  },
  {
    id: 'no-restrictions',
    description: 'asks to act without restrictions, filters or guidelines',
    pattern: re(
      `\\b(?:without|free\\sfrom|free\\sof|ignoring|bypass|bypassing|disable|disabled|remove|removed|lift|lifted|not\\sbound\\sby|unbound\\sby|no\\slonger\\sbound\\sby|doesn't\\shave|does\\snot\\shave|don't\\shave|do\\snot\\shave|no)\\s(?:any\\s|all\\s|your\\s|the\\s|its\\s)?(?:ethical\\s|moral\\s|safety\\s|content\\s|usual\\s|programmed\\s|openai\\s|previous\\s)?(?:and\\s(?:ethical|moral)\\s)?(?:restrictions|filters|filtering|censorship|guidelines|limitations|constraints|safeguards|guardrails|policies|boundaries|morals|ethics)\\b`,
    ),
    weight: 2,
  },
  {
    id: 'refusal-suppression',
    description: 'forbids refusing, warning or apologising',
    pattern: re(`\\b(?:never|don't|do\\snot|must\\snot|will\\snot|won't|shall\\snot)\\s(?:ever\\s)?(?:refuse|decline|reject|apologi[sz]e|censor|warn|moralize|lecture)\\b|\\bwithout\\s(?:any\\s)?(?:warnings?|disclaimers?|moralizing|apologies|refusals?)\\b`),
    weight: 1.5,
  },
  {
    id: 'prompt-extraction',
    description: 'asks for the system prompt or hidden instructions',
    pattern: re(
      `\\b(?:reveal|show|print|output|repeat|display|tell|give|leak|dump|share|disclose|expose|recite|what\\s(?:is|are|was|were))\\s(?:me\\s|us\\s)?(?:all\\s)?(?:of\\s)?(?:your|the\\s(?:hidden|secret|system|initial|original))${FILL(2)}\\s(?:system\\sprompt|prompt|instructions|system\\smessage|initial\\sprompt|rules|directives|configuration|pre-?prompt)\\b|\\brepeat\\s(?:the\\s|all\\s)?(?:words|text|everything|sentences|lines)\\s(?:above|before)\\b|\\bstarting\\swith\\s['"]?you\\sare\\b`,
    ),
    weight: 2.5,
  },
  {
    id: 'chat-template-tokens',
    description: 'chat-template control tokens inside content',
    pattern: re(`<\\|(?:im_start|im_end|system|user|assistant|endoftext|begin_of_text|start_header_id|end_header_id|eot_id)\\|?>|\\[\\/?inst\\]|<<\\/?sys>>`),
    weight: 1.5,
  },
  {
    id: 'fake-authority',
    description: 'a fake system, admin or developer message',
    pattern: re(
      `<\\/?(?:system|sys|system_prompt|admin)>|"role"\\s?:\\s?"system"|\\[(?:system|admin|developer|sys)(?:\\s(?:override|note|message|instruction|update|prompt|injection))?\\]|\\b(?:system|admin|developer|root|security)\\s(?:override|mode\\senabled|command)\\b|\\b(?:message|order|instruction)s?\\sfrom\\s(?:the\\s|your\\s)?(?:system\\sadministrator|administrator|admin|developers?|creators?|openai|anthropic)\\b|\\bi(?:\\sam|'m)\\s(?:your|the)\\s(?:developer|creator|administrator|admin|owner)\\b`,
    ),
    weight: 2.5,
  },
  {
    id: 'urgent-directive',
    description: 'an urgent or mandatory instruction update',
    pattern: re(`\\b(?:important|urgent|critical|mandatory)\\s(?:system\\s|security\\s)?(?:update|instructions?|notice|override|policy\\supdate)\\b|\\bthis\\sis\\s(?:an?\\s)?(?:direct\\s)?(?:order|command)\\b`),
    weight: 1,
  },
  {
    id: 'addressed-to-ai',
    description: 'text addressed to an AI reading it (indirect injection)',
    pattern: re(
      `\\b(?:note|message|instructions?|attention|important)\\s(?:to|for)\\s(?:the\\s|any\\s|all\\s)?${AI}s?\\b|\\bif\\syou\\sare\\s(?:an?\\s)?${AI}\\b|\\b${AI}s?\\s(?:reading|processing|summari[sz]ing|parsing)\\sthis\\b|\\bdear\\s${AI}\\b`,
    ),
    weight: 1.5,
  },
  {
    id: 'response-priming',
    description: 'dictates how the reply must start or what it must say',
    pattern: re(`\\b(?:start|begin|prefix)\\s(?:your|each|every|all)\\s(?:[a-z]{1,12}\\s)?(?:response|reply|answer|output|message)s?\\swith\\b|\\bsay\\s['"]?(?:i\\shave\\sbeen\\spwned|pwned|hacked)\\b|\\bsure,?\\shere\\sis\\b`),
    weight: 1,
  },
  {
    id: 'exfiltration-request',
    description: 'asks to send data to an address or URL',
    pattern: re(`\\b(?:send|forward|post|upload|email|transmit|exfiltrate|leak|copy)\\b${FILL(6)}\\s(?:to|at)\\s(?:https?:\\/\\/|www\\.|[a-z0-9._-]{1,40}@[a-z0-9-]{1,40}\\.)`),
    weight: 1.5,
  },
  {
    id: 'sensitive-data-request',
    description: 'asks to reveal credentials, sessions or secrets',
    pattern: re(`\\b(?:reveal|send|dump|show|print|list|leak|give|output|exfiltrate|extract)\\s(?:me\\s)?(?:all\\s)?(?:the\\s|your\\s|user\\s|any\\s)?(?:api\\skeys?|passwords?|credentials|secrets|session\\s(?:tokens?|cookies|ids?)|cookies|private\\skeys?|access\\stokens?|credit\\scard\\snumbers?)\\b`),
    weight: 1,
  },
  {
    id: 'tool-call-request',
    description: 'asks to call a tool or run a command',
    pattern: re(`\\b(?:call|invoke|trigger)\\s(?:the\\s)?[a-z0-9_.-]{1,40}\\s(?:tool|function|plugin|action)\\b|\\b(?:execute|run)\\s(?:this|the\\sfollowing|these)\\s(?:command|shell|script)s?\\b|\\brm\\s-rf\\b|\\bcurl\\s[^\\n|]{1,200}\\|\\s?(?:ba)?sh\\b`),
    weight: 1,
  },
  {
    id: 'decode-and-follow',
    description: 'asks to decode a payload and act on it',
    pattern: re(`\\b(?:decode|decrypt|deobfuscate|reverse|unscramble)\\b${FILL(8)}\\s(?:and|then)\\s(?:follow|execute|do|run|obey|act\\son|perform|carry\\sout|comply)`),
    weight: 2,
  },
  {
    id: 'fictional-framing',
    description: 'a hypothetical or fictional frame used to lift rules',
    pattern: re(`\\b(?:hypothetical|fictional|imaginary)\\s(?:story|scenario|world|setting|response)\\b|\\bin\\sthis\\s(?:fictional|hypothetical)\\b`),
    weight: 0.7,
  },
];

export interface PhraseHit {
  signal: PhraseSignal;
  /** Offsets in the normalised text. */
  start: number;
  end: number;
}

/** Every phrase occurrence in a normalised text. */
export function findPhrases(normalized: string): PhraseHit[] {
  const hits: PhraseHit[] = [];
  const mask = PHRASE_GATE.candidates(normalized);
  for (let i = 0; i < PHRASE_SIGNALS.length; i++) {
    if ((mask & (1 << i)) === 0) continue;
    const signal = PHRASE_SIGNALS[i]!;
    const p = signal.pattern;
    p.lastIndex = 0;
    for (let m = p.exec(normalized); m; m = p.exec(normalized)) {
      hits.push({ signal, start: m.index, end: m.index + m[0].length });
      if (m[0].length === 0) p.lastIndex++;
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

// ------------------------------------------------------------------------------------------------- the gate
// Most prompts match no phrase, and running twenty patterns over a prompt costs more than deciding which of
// them could match: on a gateway's idle-then-busy traffic each pattern's compiled code is out of the caches.
// The gate is derived from the patterns' own sources, so it stays exact as they change: every top-level
// alternative of a pattern starts either with `\b` and a word (a match then starts a word of the text with
// that word's literal prefix) or with a literal character (the text then contains it). A pattern runs when
// one of its leads is present; a pattern whose lead cannot be read this way always runs.

/** What a top-level alternative requires of the text: a word starting with a prefix, or a character. */
export type PhraseLead = { word: string } | { char: string };

/** The leads of a regex source, or undefined when some alternative has no lead this reading can prove. */
export function leadsOf(source: string): PhraseLead[] | undefined {
  const leads: PhraseLead[] = [];
  for (const branch of splitTopLevel(source)) {
    const got = branchLeads(branch);
    if (!got) return undefined;
    leads.push(...got);
  }
  return leads;
}

const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
const QUANTIFIER = /^[?*{]/;
const META = new Set(['(', ')', '[', ']', '{', '}', '?', '*', '+', '|', '^', '$', '.', '\\']);

function branchLeads(branch: string): PhraseLead[] | undefined {
  if (branch.startsWith('\\b')) {
    const rest = branch.slice(2);
    if (rest.startsWith('(?:')) {
      const close = closingParen(rest, 0);
      if (close < 0 || QUANTIFIER.test(rest.slice(close + 1))) return undefined;
      const words: PhraseLead[] = [];
      for (const alt of splitTopLevel(rest.slice(3, close))) {
        const w = literalWordPrefix(alt);
        if (!w) return undefined;
        words.push({ word: w });
      }
      return words;
    }
    const w = literalWordPrefix(rest);
    return w ? [{ word: w }] : undefined;
  }
  // a literal first character, escaped or not, that no quantifier makes optional
  let char: string;
  let next: number;
  if (branch[0] === '\\' && branch.length > 1 && !/[a-zA-Z0-9]/.test(branch[1]!)) [char, next] = [branch[1]!, 2];
  else if (branch.length && !META.has(branch[0]!)) [char, next] = [branch[0]!, 1];
  else return undefined;
  return QUANTIFIER.test(branch.slice(next)) ? undefined : [{ char }];
}

/** The leading run of word characters that the regex matches literally (a quantified last one excluded). */
function literalWordPrefix(s: string): string {
  let i = 0;
  while (i < s.length && isWordChar(s.charCodeAt(i))) i++;
  if (i > 0 && QUANTIFIER.test(s.slice(i))) i--;
  return s.slice(0, i);
}

/**
 * Calls `visit` with each character of a regex source from `from` on that is not escaped and not inside a
 * character class, until it returns true.
 */
function scanSyntax(source: string, from: number, visit: (c: string, i: number) => boolean | void): void {
  let inClass = false;
  for (let i = from; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (visit(c, i)) return;
  }
}

/** Alternatives at nesting depth 0. */
function splitTopLevel(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  scanSyntax(source, 0, (c, i) => {
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      parts.push(source.slice(start, i));
      start = i + 1;
    }
  });
  parts.push(source.slice(start));
  return parts;
}

/** Index of the parenthesis closing the group that opens at `open`, or -1. */
function closingParen(source: string, open: number): number {
  let depth = 0;
  let close = -1;
  scanSyntax(source, open, (c, i) => {
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) {
      close = i;
      return true;
    }
  });
  return close;
}

interface TrieNode {
  /** Signals with a word lead ending here. */
  mask: number;
  next: Map<number, TrieNode>;
}

/** Which patterns can match a text, from their leads: one pass over the text's words and a few characters. */
export class PhraseGate {
  private readonly always: number;
  private readonly root: TrieNode = { mask: 0, next: new Map() };
  private readonly chars: Array<{ char: string; mask: number }> = [];

  constructor(signals: readonly PhraseSignal[]) {
    if (signals.length > 31) throw new Error('the phrase gate keeps one bit per pattern: at most 31 patterns');
    let always = 0;
    signals.forEach((signal, i) => {
      const bit = 1 << i;
      // a case-insensitive pattern would match leads the case-sensitive walk misses
      const leads = signal.pattern.flags.includes('i') ? undefined : leadsOf(signal.pattern.source);
      if (!leads) {
        always |= bit;
        return;
      }
      for (const lead of leads) {
        if ('char' in lead) {
          const entry = this.chars.find((c) => c.char === lead.char);
          if (entry) entry.mask |= bit;
          else this.chars.push({ char: lead.char, mask: bit });
          continue;
        }
        let node = this.root;
        for (let k = 0; k < lead.word.length; k++) {
          const c = lead.word.charCodeAt(k);
          let child = node.next.get(c);
          if (!child) node.next.set(c, (child = { mask: 0, next: new Map() }));
          node = child;
        }
        node.mask |= bit;
      }
    });
    this.always = always;
  }

  /** A bit mask of the patterns that may match `text` (bit i = signal i); the others cannot. */
  candidates(text: string): number {
    let mask = this.always;
    for (const { char, mask: m } of this.chars) if ((mask & m) !== m && text.includes(char)) mask |= m;
    const n = text.length;
    let i = 0;
    while (i < n) {
      // skip to the start of a word: a word character not preceded by one
      if (!isWordChar(text.charCodeAt(i))) {
        i++;
        continue;
      }
      let node = this.root;
      for (let j = i; j < n; j++) {
        const child = node.next.get(text.charCodeAt(j));
        if (!child) break;
        mask |= child.mask;
        node = child;
      }
      // on to the end of this word
      while (i < n && isWordChar(text.charCodeAt(i))) i++;
    }
    return mask;
  }

  /** The lead words and characters of each signal, for documentation and tests. */
  static describe(signals: readonly PhraseSignal[]): Array<{ id: string; leads: PhraseLead[] | undefined }> {
    return signals.map((s) => ({ id: s.id, leads: leadsOf(s.pattern.source) }));
  }
}

const PHRASE_GATE = new PhraseGate(PHRASE_SIGNALS);
