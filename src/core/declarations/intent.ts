import type { FormId } from './form-definition';

/** What a typed message asks the declarations feature for, if anything. */
export type DeclarationIntent =
  { kind: 'picker' } | { kind: 'form'; form: FormId } | { kind: 'list' };

const QUESTION_START =
  /^(can|could|may|might|should|shall|must|is|are|am|do|does|did|was|were|will|would|what|whats|what's|how|when|where|who|whom|whose|why|which|if|whether|have|has|had)\b/;

/**
 * A question asked after the facts ("a vendor sent me a voucher, can I just keep it", "the embassy
 * gave me wine, what do I do with it"): the person wants guidance first, and the answer card offers
 * the form.
 */
const ASKS_LATER =
  /[,.;:!-] *(and |so |but )?(can|could|may|should|must|do|does|did|is|am|are|what|whats|what's|how|where|who|why)\b|\b(can|could|may|should|must|do|did) (i|we)\b|\bwhat (now|next)\b|\bam i (allowed|ok|okay|able)\b|\b(not sure|unsure|wondering|wonder)\b/;

const PICKER = new Set([
  'declare',
  'declaration',
  'declarations',
  'make a declaration',
  'start a declaration',
  'new declaration',
  'i want to make a declaration',
  'i need to make a declaration',
  "i'd like to make a declaration",
  'i would like to make a declaration',
]);

const LIST = new Set([
  'my declarations',
  'show my declarations',
  'list my declarations',
  'view my declarations',
  'see my declarations',
]);

const FORM_WORDS: readonly [FormId, RegExp][] = [
  ['koha-given', /\bkoha (given|we gave|the agency gave|paid)\b|\bgave (a )?koha\b|\bkoha given\b/],
  [
    'secondary-employment',
    /\b(secondary|second|outside|side) (employment|job|work|activity|role)\b|\bdirectorship\b/,
  ],
  ['conflict-of-interest', /\bconflicts?\b|\binterests?\b/],
  ['gift-hospitality', /\bgifts?\b|\bhospitality\b|\bkoha\b|\boffers?\b|\bpresents?\b/],
];

const GIFT_NOUNS =
  /\b(gifts?|present|presents|wine|bottle|bottles|champagne|whisky|beer|tickets?|vouchers?|gift ?cards?|hamper|dinner|lunch|breakfast|meal|drinks|hospitality|koha|flowers|chocolates?|food|hotel|trip|travel|flights?|accommodation|discount|prize|cash|money)\b/;

/**
 * An offer made for something in return ("offered me cash to speed up their consent", "money if I
 * approve it"): a bribe to refuse and report, which the knowledge feature answers, not a gift to
 * declare.
 */
const FOR_A_FAVOUR =
  /\b(bribe\w*|kickbacks?|backhanders?|sweeteners?|grease)\b|\b(to|if (i|we)|so (that )?(i|we)|in (exchange|return) for|for) (speed|hurry|fast ?track|approve|approving|sign|signing|grant|granting|pass|passing|push|overlook|ignore|look the other way|let|award|awarding|pick|picking|choose|favou?r|bump|waive|drop|change|leak|skip)\b/;

/** "I was given a bottle of wine", "a supplier gave me tickets": a statement of having received something. */
function statesReceipt(t: string): boolean {
  const firstPerson =
    /^(i|i've|ive|i have|we|we've|we have)\b/.test(t) &&
    /\b(given|offered|received|got|gifted|sent)\b/.test(t);
  return firstPerson || /\b(gave|offered|sent|gifted|bought) (me|us)\b/.test(t);
}

/**
 * Narrow matching, so questions go to the knowledge feature: "declare", "I need to declare a
 * conflict", "declare secondary employment", "I was given a bottle of wine", "my declarations".
 */
export function matchDeclarationIntent(text: string): DeclarationIntent | undefined {
  const t = text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, ' ')
    .replace(/[.!]+$/, '')
    .trim();
  if (t === '' || t.endsWith('?') || QUESTION_START.test(t) || ASKS_LATER.test(t)) return undefined;
  if (LIST.has(t)) return { kind: 'list' };
  if (PICKER.has(t)) return { kind: 'picker' };
  const declaring =
    /^(please )?declare\b/.test(t) ||
    /^(i|i'd|i'll|we)\b.{0,30}\b(declare|declaration)\b/.test(t) ||
    /^(make|start|new|record)( a)? declaration\b/.test(t);
  if (declaring) {
    for (const [form, words] of FORM_WORDS) if (words.test(t)) return { kind: 'form', form };
    return { kind: 'picker' };
  }
  if (
    t.split(' ').length <= 20 &&
    statesReceipt(t) &&
    GIFT_NOUNS.test(t) &&
    !FOR_A_FAVOUR.test(t)
  ) {
    return { kind: 'form', form: 'gift-hospitality' };
  }
  return undefined;
}
