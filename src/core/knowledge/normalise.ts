/**
 * Text normalisation shared by indexing and querying, so both sides see the same terms:
 * case, punctuation, macrons and other diacritics, NZ/US spellings, a light stemmer, stop words.
 */

/** Case-folds, strips diacritics (whānau → whanau) and punctuation; keeps letters, digits and spaces. */
export function foldText(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[\u2018\u2019\u02bc`´]/g, "'")
      .replace(/&/g, ' and ')
      // Dotted abbreviations: c.o.i → coi, e.g. → eg
      .replace(/\b(\p{L})\.(?=\p{L}\b)/gu, '$1')
      // Apostrophes inside words join them: i've → ive, partner's → partners
      .replace(/(\p{L})'(?=\p{L})/gu, '$1')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

/** US spellings that differ from NZ ones in ways the rules below do not catch. */
const US_TO_NZ: Readonly<Record<string, string>> = {
  behavior: 'behaviour',
  behaviors: 'behaviours',
  behavioral: 'behavioural',
  color: 'colour',
  favor: 'favour',
  favors: 'favours',
  favorable: 'favourable',
  favoritism: 'favouritism',
  favorite: 'favourite',
  honor: 'honour',
  honors: 'honours',
  honorable: 'honourable',
  labor: 'labour',
  neighbor: 'neighbour',
  neighbors: 'neighbours',
  rumor: 'rumour',
  rumors: 'rumours',
  humor: 'humour',
  endeavor: 'endeavour',
  harbor: 'harbour',
  center: 'centre',
  centers: 'centres',
  theater: 'theatre',
  fiber: 'fibre',
  liter: 'litre',
  defense: 'defence',
  offense: 'offence',
  offenses: 'offences',
  license: 'licence',
  program: 'programme',
  programs: 'programmes',
  judgment: 'judgement',
  judgments: 'judgements',
  enrollment: 'enrolment',
  fulfill: 'fulfil',
  catalog: 'catalogue',
  aging: 'ageing',
  gray: 'grey',
  mold: 'mould',
  counselor: 'counsellor',
  counseling: 'counselling',
  traveled: 'travelled',
  traveling: 'travelling',
  traveler: 'traveller',
  canceled: 'cancelled',
  canceling: 'cancelling',
  labeled: 'labelled',
  modeling: 'modelling',
  signaling: 'signalling',
  totaling: 'totalling',
  practise: 'practice',
  practised: 'practiced',
  skeptical: 'sceptical',
};

const IZE_EXCEPTIONS = new Set(['size', 'sizes', 'sized', 'prize', 'prizes', 'seize', 'seized']);

/** Maps one folded word from US to NZ spelling (organize → organise, analyze → analyse, color → colour). */
export function nzSpelling(word: string): string {
  const mapped = US_TO_NZ[word];
  if (mapped !== undefined) return mapped;
  if (word.length > 5 && !IZE_EXCEPTIONS.has(word)) {
    const ize = /^(.{3,})iz(e|es|ed|ing|ation|ations|er|ers)$/.exec(word);
    if (ize) return `${ize[1]}is${ize[2]}`;
    const yze = /^(.{2,})yz(e|es|ed|ing)$/.exec(word);
    if (yze) return `${yze[1]}ys${yze[2]}`;
  }
  return word;
}

/** Words that carry no topic: question words, pronouns, auxiliaries, filler. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are as at be because been before being
  below between both but by can cant could couldnt did didnt do does doesnt doing dont down during
  each else etc ever few for from further get gets getting got had hadnt has hasnt have havent having he
  hed hes her here hers herself him himself his i id ill im ive if in into is isnt it its itself
  just let lets like me might more most much must mustnt my myself no nor not now of off ok okay on once
  only or other ought our ours ourselves out over own please really same shall she should shouldnt so some
  such than that thats the their theirs them themselves then there theres these they theyre this those
  through thru to too under until up upon us very was wasnt we were werent what whats when whens
  where wheres whether which while who whos whom why whys will with within without wont would wouldnt yes yet
  you youd youll youre youve your yours yourself yourselves hi hello hey thanks thank anyone someone
  something anything thing things stuff know want wanted need needs needed tell tells told say says said
  go going goes went way ways lot lots bit one ones still already even maybe kind sort mean means u ur
  actually basically literally honestly kinda sorta gonna wanna gotta anyway anyways reckon heaps pls
  plz thx cheers`
    .split(/\s+/)
    .filter((w) => w !== ''),
);

/** A light English stemmer: enough to match plurals and common verb forms, conservative elsewhere. */
const IRREGULAR: Readonly<Record<string, string>> = {
  used: 'use',
  uses: 'use',
  using: 'use',
  // Suffix stripping would make these another word (secondment → second, as in "second job").
  secondment: 'secondment',
  secondments: 'secondment',
};

export function stem(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular !== undefined) return irregular;
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(ss|us|is)$/.test(w)) {
    // class, status, analysis: not plurals
  } else if (/(ches|shes|sses|xes|zes)$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);

  if (w.length > 5 && w.endsWith('ing')) w = undouble(w.slice(0, -3));
  else if (w.length > 4 && w.endsWith('ed') && !w.endsWith('eed')) w = undouble(w.slice(0, -2));

  if (w.length > 6 && w.endsWith('ly')) w = w.slice(0, -2);
  if (w.length > 5 && w.endsWith('ment')) w = w.slice(0, -4);
  if (w.length > 6 && /(ation|ition)$/.test(w)) w = w.slice(0, -5);
  else if (w.length > 5 && w.endsWith('ion')) w = w.slice(0, -3);
  else if (w.length > 6 && w.endsWith('ure')) w = w.slice(0, -3);
  else if (w.length > 6 && w.endsWith('ical')) w = w.slice(0, -2);
  else if (w.length > 6 && w.endsWith('ality')) w = w.slice(0, -3);
  else if (w.length > 6 && w.endsWith('ery')) w = w.slice(0, -3);
  if (w.length > 4 && w.endsWith('e') && !w.endsWith('ee')) w = w.slice(0, -1);
  if (w.length > 4 && w.endsWith('y')) w = `${w.slice(0, -1)}i`;
  return w;
}

function undouble(w: string): string {
  return /([bdfgmnprt])\1$/.test(w) ? w.slice(0, -1) : w;
}

/** Folded words of a text, US spellings mapped to NZ ones (no stemming, no stop words removed). */
export function words(text: string): string[] {
  const folded = foldText(text);
  return folded === '' ? [] : folded.split(' ').map(nzSpelling);
}

/** The search terms of a text: folded, NZ-spelled, stop words removed, stemmed. */
export function terms(text: string): string[] {
  return words(text)
    .filter((w) => !STOP_WORDS.has(w))
    .map(stem);
}
