import { foldText } from './normalise';

/** Someone other than the writer, named the way staff refer to colleagues and leaders. */
const PERSON =
  /\b(my (manager|boss|team leader|supervisor|colleague|coworker|co worker|workmate|director|gm|general manager|ceo|chief executive|dce|team|staff)|(a|one|another) (colleague|coworker|co worker|workmate|manager|staff member|contractor|supplier|team member)|(a |the |our )?(manager|boss|colleague|coworker|workmate|director|ceo|chief executive|contractor|supplier|official|staff member)s?|someone|somebody|people|they|he|she)\b/;

/** Acts that are serious wrongdoing in the Protected Disclosures Act sense, in everyday words. */
const ACT =
  /\b(steal(s|ing)?|stole|stolen|theft|embezzl\w*|fraud\w*|defraud\w*|rort(s|ing)?|fiddl(e|es|ed|ing)|falsif\w*|fak(e|es|ed|ing)|forg(e|es|ed|ing|ery)|cook(ing|ed)? the books|brib\w*|kickbacks?|backhanders?|corrupt\w*|pocket(s|ed|ing)|launder\w*|cover(ing|ed)? (it |this |that )?up|covering up|misus(e|es|ed|ing) (public |agency |government )?(money|funds|credit card|the credit card|resources)|abus(e|es|ed|ing) (their|his|her) (power|position|authority)|lying (on|about) (their|his|her) (timesheet|expenses|claims)|putting (the public|people|staff) (at risk|in danger)|endanger\w*|destroy(ing|ed)? (records|evidence|documents))\b/;

/** A first-person witness report ("I saw", "I found out") makes a report more likely than a question. */
const WITNESS =
  /\b(i (saw|have seen|ve seen|witnessed|found|discovered|noticed|know|think|suspect|believe|heard)|i m (worried|concerned)|im (worried|concerned)|i am (worried|concerned)|i want to report|report(ing)? (that|my|a|someone))\b/;

/**
 * True when a message reads like a report of serious wrongdoing by someone (fraud, theft, bribery,
 * cover-ups, danger to the public), rather than a general question about the rules.
 */
export function looksLikeWrongdoingReport(text: string): boolean {
  const folded = foldText(text);
  if (!ACT.test(folded)) return false;
  // A general question ("what is fraud", "how do i report bribery") is not a report.
  if (/^(what|whats|define|definition|meaning|how (do|does|can|should) (i|we|you|one)|is it|can (i|we)|where)\b/.test(folded) && !WITNESS.test(folded))
    return false;
  return PERSON.test(folded) || WITNESS.test(folded);
}
