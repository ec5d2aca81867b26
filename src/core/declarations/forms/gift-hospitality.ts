import { answer, defineForm, type Answers } from '../form-definition';
import { attestation, choice, date, longText, money, text, yesNo } from '../fields';
import { aboutYouFields } from './about-you';

const status = (a: Answers) => answer(a, 'status');
const keeping = (a: Answers) => status(a) === 'accepted' || status(a) === 'pending';
const refused = (a: Answers) => status(a) === 'declined' || status(a) === 'returned';

export const GIFT_STATUSES = [
  ['accepted', 'Accepted'],
  ['declined', 'Declined'],
  ['returned', 'Returned'],
  ['pending', 'Not decided yet: waiting for approval'],
] as const;

export const giftHospitalityForm = defineForm({
  id: 'gift-hospitality',
  referencePrefix: 'GIF',
  title: 'Gift, hospitality or koha declaration',
  noun: 'gift',
  description:
    'An offer of a gift, meal, ticket, travel, discount or koha connected with your role: accepted, declined, returned or not yet decided.',
  shape: {
    ...aboutYouFields(),
    dateOffered: date('Date offered or received (or the event date)'),
    giverName: text('Offered by (person)'),
    giverOrganisation: text('Their organisation, if any').optional(),
    giverRelationship: choice("The giver's relationship to the agency", [
      ['supplier', 'Supplier'],
      ['tenderer', 'Current or prospective tenderer'],
      ['regulated-party', 'Applicant or regulated party'],
      ['stakeholder', 'Stakeholder'],
      ['foreign-government', 'Foreign government or embassy'],
      ['public', 'Member of the public'],
      ['colleague', 'Colleague'],
      ['other', 'Other'],
    ]),
    offerType: choice('What was offered?', [
      ['gift', 'A gift'],
      ['hospitality', 'Hospitality: a meal, event or ticket'],
      ['travel', 'Travel or accommodation'],
      ['entertainment', 'Entertainment'],
      ['discount', 'A discount or privileged access'],
      ['koha', 'Koha'],
      ['cash', 'Cash or a cash equivalent (voucher, gift card)'],
      ['other', 'Another benefit'],
    ]),
    description: longText('What was offered, and the occasion or reason'),
    estimatedValue: money('Estimated value (NZD)'),
    valueBasis: text('How you estimated the value'),
    status: choice('What did you do with the offer?', GIFT_STATUSES),
    involvedInDecision: yesNo(
      'Are you involved in any current or upcoming decision, procurement or case involving the giver?',
    ),
    giverInLiveProcurement: yesNo('Is the giver a supplier or tenderer in a live procurement?'),
    declineCommunication: longText('How and when you declined or returned it').optional(),
    businessReason: longText(
      'The business reason for accepting, and how it meets the principles (business purpose, moderate, no obligation)',
    ).optional(),
    disposal: choice('What will happen to it?', [
      ['agency-property', 'Keep it as agency property or on display'],
      ['share', 'Share it with the team'],
      ['donate', 'Donate it'],
      ['return', 'Return it'],
      ['keep', 'Keep it personally (only low-value items, if policy allows)'],
    ]).optional(),
    procurementName: text('Which procurement?').optional(),
    otherOffersFromGiver: longText('Other offers from this giver in the last 12 months').optional(),
    attestation: attestation('I confirm this information is complete and correct.'),
  },
  conditions: {
    declineCommunication: {
      when: refused,
      required: true,
      rule: 'Required when status is declined or returned',
    },
    businessReason: {
      when: keeping,
      required: true,
      rule: 'Required when status is accepted or pending',
    },
    disposal: {
      when: keeping,
      required: true,
      rule: 'Required when status is accepted or pending',
    },
    procurementName: {
      when: (a) => answer(a, 'giverInLiveProcurement') === 'yes',
      required: true,
      rule: 'Required when giverInLiveProcurement is yes',
    },
  },
  steps: [
    {
      id: 'about',
      title: 'About you',
      fields: ['roleTitle', 'businessUnit', 'managerName', 'employeeId'],
    },
    {
      id: 'offer',
      title: 'The offer',
      fields: [
        'dateOffered',
        'giverName',
        'giverOrganisation',
        'giverRelationship',
        'offerType',
        'description',
      ],
    },
    {
      id: 'decision',
      title: 'Value and your decision',
      fields: [
        'estimatedValue',
        'valueBasis',
        'status',
        'involvedInDecision',
        'giverInLiveProcurement',
      ],
    },
    {
      id: 'details',
      title: 'A few more details',
      fields: [
        'declineCommunication',
        'businessReason',
        'disposal',
        'procurementName',
        'otherOffersFromGiver',
      ],
    },
  ],
  attestationField: 'attestation',
  whatHappensNext: [
    'Your manager (or delegated approver) decides whether the offer can be accepted and on what conditions.',
    'The decision and what happens to the item are recorded in the gifts and hospitality register, declined offers included.',
    'If the giver is involved in a live decision or procurement, also complete the conflict of interest declaration.',
    'An offer that looks like an attempt to influence you, or cash linked to a decision, should be refused and reported to the integrity team.',
  ],
});
