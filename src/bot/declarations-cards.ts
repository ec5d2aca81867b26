import { defineCard } from '../cards/render';
import type { AgencyConfig } from '../config/agency';
import type { Choice } from '../core/declarations/field-ui';
import type { FormDefinition } from '../core/declarations/form-definition';
import type { Detail, ListItem, Receipt, StepView } from '../core/declarations/service';
import type { DraftRecord } from '../core/declarations/repository';

/** One field's slot in a form template; every field of the form gets one, shown or not. */
export interface FieldCardData {
  show: boolean;
  /** procurementName becomes a choice of the agency's live procurements in `list` mode. */
  asChoice: boolean;
  label: string;
  value: string | number;
  required: boolean;
  /** '' when the answer is fine; otherwise shown in red under the input. */
  error: string;
  /** The input's own message (client-side), the server's error when there is one. */
  errorMessage: string;
  choices: readonly Choice[];
  expanded: boolean;
  maxLength: number;
  min: number;
  max: number;
}

export interface FormCardData {
  formTitle: string;
  title: string;
  progress: string;
  intro: string;
  banner: string;
  updating: string;
  notes: readonly string[];
  isReview: boolean;
  canGoBack: boolean;
  draftId: string;
  rev: number;
  review: readonly { title: string; facts: readonly { title: string; value: string }[] }[];
  f: Record<string, FieldCardData>;
}

export const formCards: Readonly<Record<string, ReturnType<typeof defineCard<FormCardData>>>> = {
  'conflict-of-interest': defineCard<FormCardData>('declare-conflict-of-interest'),
  'gift-hospitality': defineCard<FormCardData>('declare-gift-hospitality'),
  'secondary-employment': defineCard<FormCardData>('declare-secondary-employment'),
  'koha-given': defineCard<FormCardData>('declare-koha-given'),
};

export const pickerCard = defineCard<{
  forms: { form: string; title: string; description: string }[];
}>('declare-picker');

export interface PrivacyCardData {
  form: string;
  updateOf: string;
  formTitle: string;
  agencyName: string;
  privacyContact: string;
  noticeVersion: string;
}
export const privacyCard = defineCard<PrivacyCardData>('declare-privacy');

export const resumeCard = defineCard<{
  draftId: string;
  noun: string;
  savedOn: string;
  formTitle: string;
}>('declare-resume');

export interface ConfirmationCardData {
  title: string;
  formTitle: string;
  reference: string;
  version: number;
  submittedOn: string;
  statusLabel: string;
  alreadyNote: string;
  destinations: { title: string; value: string }[];
  hasDestinations: boolean;
  whatHappensNext: string[];
  notes: readonly string[];
  contact: string;
  declarationId: string;
  followUpDraftId: string;
  hasFollowUp: boolean;
}
export const confirmationCard = defineCard<ConfirmationCardData>('declare-confirmation');

export interface NoticeCardData {
  title: string;
  message: string;
  declarationId: string;
  showView: boolean;
  showMyDeclarations: boolean;
  showDeclare: boolean;
  /** A draft to carry on with ('' for none). */
  resumeDraftId: string;
}
export const noticeCard = defineCard<NoticeCardData>('declare-notice');

export interface ListCardData {
  items: {
    declarationId: string;
    reference: string;
    formTitle: string;
    date: string;
    status: string;
    version: number;
  }[];
  empty: boolean;
  more: string;
}
export const listCard = defineCard<ListCardData>('my-declarations');

export interface DetailCardData {
  declarationId: string;
  reference: string;
  formTitle: string;
  status: string;
  version: number;
  facts: { title: string; value: string }[];
  history: { title: string; value: string }[];
  destinations: { title: string; value: string }[];
  hasDestinations: boolean;
  withdrawReason: string;
  canChange: boolean;
  note: string;
}
export const detailCard = defineCard<DetailCardData>('my-declarations-detail');

export interface WithdrawCardData {
  declarationId: string;
  reference: string;
  formTitle: string;
  label: string;
  value: string;
  error: string;
  errorMessage: string;
}
export const withdrawCard = defineCard<WithdrawCardData>('my-declarations-withdraw');

const EXPANDED_MAX = 5;
const NZ_DATE = (d: Date) =>
  new Intl.DateTimeFormat('en-NZ', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Pacific/Auckland',
  }).format(d);

function emptyField(): FieldCardData {
  return {
    show: false,
    asChoice: false,
    label: '',
    value: '',
    required: false,
    error: '',
    errorMessage: '',
    choices: [],
    expanded: false,
    maxLength: 0,
    min: 0,
    max: 0,
  };
}

/** A wizard step (or the review step) as template data: a slot for every field of the form. */
export function formCardData(view: StepView): FormCardData {
  const f: Record<string, FieldCardData> = {};
  for (const key of Object.keys(view.form.shape)) f[key] = emptyField();
  for (const field of view.fields) {
    f[field.key] = {
      show: true,
      asChoice: field.kind === 'choice' && field.key === 'procurementName',
      label: field.label,
      value: field.value,
      required: field.required,
      error: field.error,
      errorMessage: field.error || field.requiredMessage,
      choices: field.choices,
      expanded: field.choices.length <= EXPANDED_MAX,
      maxLength: field.maxLength ?? 0,
      min: field.min ?? 0,
      max: field.max ?? 0,
    };
  }
  return {
    formTitle: view.form.title,
    title: view.title,
    progress: `Step ${view.stepNumber} of ${view.stepCount}`,
    intro: view.intro,
    banner: view.banner,
    updating: view.updating ?? '',
    notes: view.notes,
    isReview: view.isReview,
    canGoBack: view.canGoBack,
    draftId: view.draftId,
    rev: view.rev,
    review: view.review,
    f,
  };
}

export function privacyCardData(
  agency: AgencyConfig,
  form: FormDefinition,
  updateOf: string | undefined,
): PrivacyCardData {
  const { agency: a } = agency;
  return {
    form: form.id,
    updateOf: updateOf ?? '',
    formTitle: form.title,
    agencyName: a.name,
    privacyContact: a.privacyOfficerEmail ?? a.integrityContact.email,
    noticeVersion: agency.declarations.privacyNotice.version,
  };
}

export function resumeCardData(form: FormDefinition, draft: DraftRecord) {
  return {
    draftId: draft.id,
    noun: form.noun,
    savedOn: NZ_DATE(draft.updatedAt),
    formTitle: form.title,
  };
}

function destinationFacts(destinations: Receipt['delivery']['destinations']) {
  return destinations.map((d) => ({ title: d.destinationId, value: d.label }));
}

export function confirmationCardData(
  agency: AgencyConfig,
  receipt: Receipt,
  duplicate: boolean,
): ConfirmationCardData {
  const destinations = destinationFacts(receipt.delivery.destinations);
  const contact = agency.agency.integrityContact;
  return {
    title: receipt.version > 1 ? 'Update received' : 'Declaration received',
    formTitle: receipt.form.title,
    reference: receipt.reference,
    version: receipt.version,
    submittedOn: NZ_DATE(receipt.submittedAt),
    statusLabel: receipt.delivery.label,
    alreadyNote: duplicate ? `This was already submitted, reference ${receipt.reference}.` : '',
    destinations,
    hasDestinations: destinations.length > 0,
    whatHappensNext: [...receipt.form.whatHappensNext],
    notes: receipt.notes,
    contact: `Talk to your manager, or the ${contact.name} (${contact.email}${contact.phone ? `, ${contact.phone}` : ''}).`,
    declarationId: receipt.declarationId,
    followUpDraftId: receipt.followUpDraftId ?? '',
    hasFollowUp: receipt.followUpDraftId !== undefined,
  };
}

export function noticeCardData(
  title: string,
  message: string,
  options: Partial<Omit<NoticeCardData, 'title' | 'message' | 'showView'>> = {},
): NoticeCardData {
  return {
    title,
    message,
    declarationId: options.declarationId ?? '',
    showView: options.declarationId !== undefined && options.declarationId !== '',
    showMyDeclarations: options.showMyDeclarations ?? false,
    showDeclare: options.showDeclare ?? false,
    resumeDraftId: options.resumeDraftId ?? '',
  };
}

const LIST_MAX = 20;

export function listCardData(items: readonly ListItem[]): ListCardData {
  return {
    items: items.slice(0, LIST_MAX).map((i) => ({
      declarationId: i.declarationId,
      reference: i.reference,
      formTitle: i.formTitle,
      date: NZ_DATE(i.date),
      status: i.status,
      version: i.version,
    })),
    empty: items.length === 0,
    more:
      items.length > LIST_MAX
        ? `Showing the latest ${LIST_MAX} of ${items.length}. Ask the integrity team for older ones.`
        : '',
  };
}

export function detailCardData(detail: Detail, note = ''): DetailCardData {
  const { record } = detail;
  const destinations = destinationFacts(detail.delivery.destinations);
  return {
    declarationId: record.id,
    reference: record.reference,
    formTitle: detail.form.title,
    status: detail.delivery.label,
    version: record.currentVersion,
    facts: [...detail.facts],
    history: [...detail.history],
    destinations,
    hasDestinations: destinations.length > 0,
    withdrawReason: record.withdrawReason ?? '',
    canChange: record.status !== 'withdrawn',
    note,
  };
}

export function withdrawCardData(
  declarationId: string,
  reference: string,
  formTitle: string,
  label: string,
  value = '',
  error = '',
): WithdrawCardData {
  return {
    declarationId,
    reference,
    formTitle,
    label,
    value,
    error,
    errorMessage: error || 'Please give a reason for withdrawing it.',
  };
}
