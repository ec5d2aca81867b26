import type { DeclarationsConfig } from './config';
import { answer, type Answers, type FormDefinition } from './form-definition';

/** Facts from outside the form that policy rules need (looked up by the service). */
export interface PolicyContext {
  /** Other offers from the same giver declared within the repeat-offer window. */
  readonly repeatOffers: number;
}

export interface PolicyFlags {
  managerApprovalRequired?: boolean;
  cashOffer?: boolean;
  conflictOfInterestOpened?: boolean;
  repeatOffersFromGiver?: number;
  approvedInAdvance?: boolean;
}

const isCash = (a: Answers) => answer(a, 'offerType') === 'cash';
const keeping = (a: Answers) => ['accepted', 'pending'].includes(answer(a, 'status') ?? '');
const money = (n: number) => `$${n.toLocaleString('en-NZ')}`;

function overThreshold(a: Answers, config: DeclarationsConfig): boolean {
  const value = a.estimatedValue;
  return typeof value === 'number' && value > config.gifts.managerApprovalThresholdNzd;
}

/** A gift connected to a live procurement or a decision also needs a conflict of interest declaration. */
export function opensConflictOfInterest(form: FormDefinition, a: Answers): boolean {
  return (
    form.id === 'gift-hospitality' &&
    (answer(a, 'giverInLiveProcurement') === 'yes' || answer(a, 'involvedInDecision') === 'yes')
  );
}

/** Choices the rules rule out for these answers (e.g. accepting cash). */
export function excludedChoices(
  form: FormDefinition,
  key: string,
  a: Answers,
  config: DeclarationsConfig,
): readonly string[] {
  if (
    form.id === 'gift-hospitality' &&
    key === 'status' &&
    isCash(a) &&
    config.gifts.cashAlwaysDeclined
  )
    return ['accepted', 'pending'];
  if (form.id === 'gift-hospitality' && key === 'disposal' && overThreshold(a, config))
    return ['keep'];
  return [];
}

/** Answers the rules refuse, as field errors. */
export function policyIssues(
  form: FormDefinition,
  a: Answers,
  config: DeclarationsConfig,
): { key: string; message: string }[] {
  const issues: { key: string; message: string }[] = [];
  for (const key of ['status', 'disposal']) {
    const value = answer(a, key);
    if (value !== undefined && excludedChoices(form, key, a, config).includes(value)) {
      issues.push({
        key,
        message:
          key === 'status'
            ? 'Cash and cash equivalents are always declined: choose Declined or Returned.'
            : `Items worth more than ${money(config.gifts.managerApprovalThresholdNzd)} can't be kept personally: choose another option.`,
      });
    }
  }
  if (form.id === 'gift-hospitality' && config.liveProcurements.mode === 'list') {
    const name = answer(a, 'procurementName');
    if (name !== undefined && !config.liveProcurements.items.some((p) => p.name === name)) {
      issues.push({ key: 'procurementName', message: 'Choose one of the live procurements.' });
    }
  }
  return issues;
}

/** Plain-language explanations of the rules that apply to these answers, shown on the card. */
export function policyNotes(
  form: FormDefinition,
  a: Answers,
  config: DeclarationsConfig,
  context: PolicyContext,
): string[] {
  const notes: string[] = [];
  if (form.id === 'gift-hospitality') {
    if (isCash(a) && config.gifts.cashAlwaysDeclined) {
      notes.push(
        'Cash and cash equivalents (vouchers, gift cards) are always declined. If it was linked to a decision, tell the integrity team.',
      );
    }
    if (overThreshold(a, config) && keeping(a)) {
      notes.push(
        `Offers worth more than ${money(config.gifts.managerApprovalThresholdNzd)} need your manager's approval before you keep them.`,
      );
    }
    if (opensConflictOfInterest(form, a)) {
      notes.push(
        'Because the giver is involved in a live procurement or a decision you are part of, I will also open a conflict of interest declaration for you, filled in from this one.',
      );
    }
    if (context.repeatOffers > 0) {
      notes.push(
        `You have declared ${context.repeatOffers} other offer${context.repeatOffers === 1 ? '' : 's'} from this giver in the last ${config.gifts.repeatOfferWindowMonths} months. Repeated offers are flagged for your manager.`,
      );
    }
  }
  if (form.id === 'koha-given' && approvedLate(a)) {
    notes.push(
      'Koha should be approved before it is given. Talk to the integrity team if it was approved afterwards.',
    );
  }
  return notes;
}

function approvedLate(a: Answers): boolean {
  const approval = answer(a, 'approvalDate');
  const given = answer(a, 'kohaDate');
  return approval !== undefined && given !== undefined && approval > given;
}

/** What the rules found, recorded with the submission and forwarded. */
export function policyFlags(
  form: FormDefinition,
  a: Answers,
  config: DeclarationsConfig,
  context: PolicyContext,
): PolicyFlags {
  if (form.id === 'gift-hospitality') {
    return {
      managerApprovalRequired: overThreshold(a, config) && keeping(a),
      cashOffer: isCash(a),
      conflictOfInterestOpened: opensConflictOfInterest(form, a),
      repeatOffersFromGiver: context.repeatOffers,
    };
  }
  if (form.id === 'koha-given') return { approvedInAdvance: !approvedLate(a) };
  return {};
}

/** The key used to spot repeated offers: the giver's organisation, else their name, normalised. */
export function giverKey(a: Answers): string | undefined {
  const raw = answer(a, 'giverOrganisation') ?? answer(a, 'giverName');
  const key = raw
    ?.toLowerCase()
    .replace(/\b(ltd|limited|inc|the)\b/g, '')
    .replace(/[^a-z0-9āēīōū]+/g, ' ')
    .trim();
  return key === '' ? undefined : key;
}
