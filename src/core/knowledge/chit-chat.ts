import { foldText } from './normalise';

/** Small talk the bot answers itself instead of searching the knowledge base. */
export type ChitChat = 'greeting' | 'thanks' | 'goodbye' | 'identity' | 'capabilities';

const PATTERNS: readonly (readonly [ChitChat, RegExp])[] = [
  [
    'greeting',
    /^(hi|hii+|hello|hey|heya|hiya|yo|gday|g day|kia ora( koutou| koe| tatou)?|tena koe|tena koutou|morena|good (morning|afternoon|evening|day)|howdy|greetings)( there| team| bot| all| everyone)?$/,
  ],
  [
    'thanks',
    /^(thanks|thank you|thanks heaps|thanks so much|thank you so much|thx|ty|cheers|ta|much appreciated|appreciate it|great thanks|awesome thanks|perfect thanks|nga mihi|kia ora rawa atu|that helps|that helped|helpful|great|awesome|perfect|cool|ok|okay|ok thanks|okay thanks|got it|sweet|sweet as|choice)( mate| bot| heaps)?$/,
  ],
  ['goodbye', /^(bye|goodbye|see you|see ya|cya|ka kite( ano)?|ka kite ano|hei konei ra|catch you later)$/],
  [
    'identity',
    /^(who are you|what are you|who is this|who am i talking to|who made you|are you (a )?(bot|robot|human|person|real|ai|chatbot|real person)|is this (a )?(bot|human|real person|ai)|what is your name|whats your name|what s your name|your name)$/,
  ],
  [
    'capabilities',
    /^(what can you do|what do you do|what can i ask( you)?|what can you help (me )?with|how can you help( me)?|how do (i|you) use (you|this|this bot)|what are you for|what do you know( about)?|what topics (do you cover|can you help with))$/,
  ],
];

/** Leading small talk that can be dropped before a real question ("hi, can I keep a gift?"). */
const LEADING = /^(hi|hello|hey|kia ora|morena|good (morning|afternoon)|tena koe)( there| team| bot)?\s+/;

/** Recognises a whole message that is only small talk; anything with a real question is searched. */
export function detectChitChat(text: string): ChitChat | undefined {
  const folded = foldText(text).replace(/\b(please|pls|plz)\b/g, '').replace(/\s+/g, ' ').trim();
  if (folded === '') return undefined;
  for (const [kind, pattern] of PATTERNS) if (pattern.test(folded)) return kind;
  return undefined;
}

/** The question without a greeting in front, so "kia ora, what is a COI" searches "what is a COI". */
export function stripGreeting(text: string): string {
  const folded = foldText(text);
  const match = LEADING.exec(folded);
  return match && folded.length > match[0].length ? folded.slice(match[0].length) : text;
}
