import { answer, defineForm, type Answers } from '../form-definition';
import { attestation, choice, date, longText, text, yesNo } from '../fields';
import { aboutYouFields } from './about-you';

export const ORGANISATION_RISK_FIELDS = [
  'contractsWithGovernment',
  'receivesPublicFunding',
  'lobbiesGovernment',
  'regulatedOrFundedByAgency',
  'interestInAgencyInformation',
] as const;

const anyRisk = (a: Answers) => ORGANISATION_RISK_FIELDS.some((k) => answer(a, k) === 'yes');

export const secondaryEmploymentForm = defineForm({
  id: 'secondary-employment',
  referencePrefix: 'SEC',
  title: 'Secondary employment or outside activity declaration',
  noun: 'secondary employment',
  description:
    'Paid or unpaid work, a business, contracting, or a directorship or governance role outside the agency.',
  shape: {
    ...aboutYouFields(),
    employmentType: choice('Your employment here', [
      ['full-time', 'Full-time'],
      ['part-time', 'Part-time'],
      ['fixed-term', 'Fixed term'],
    ]),
    organisationName: text('Name of the other employer, organisation or business'),
    roleDuties: longText('The role and its duties'),
    activityType: choice('Is it paid, unpaid or a governance role?', [
      ['paid', 'Paid'],
      ['unpaid', 'Unpaid or volunteer'],
      ['governance', 'Governance or directorship'],
    ]),
    startDate: date('Start date'),
    expectedDuration: text('Expected duration'),
    timing: longText('Expected hours, days and timing'),
    duringWorkHours: yesNo('Will any of it be during your work hours?'),
    usesAgencyResources: yesNo(
      'Will you use any agency equipment, time, information, brand or contacts?',
    ),
    contractsWithGovernment: yesNo(
      'Does the organisation contract with, or seek contracts from, government?',
    ),
    receivesPublicFunding: yesNo('Does it receive public funding?'),
    lobbiesGovernment: yesNo('Does it lobby Ministers, MPs or agencies?'),
    regulatedOrFundedByAgency: yesNo('Is it regulated or funded by this agency?'),
    interestInAgencyInformation: yesNo('Does it have an interest in information you can access?'),
    riskDetails: longText('Tell us more about each "yes" answer about the organisation').optional(),
    resourcesDetail: longText('Which agency resources would you use, and why?').optional(),
    conflictAndManagement: longText(
      'Any real, potential or perceived conflict, and how you propose to manage it (write "none" if there is none)',
    ),
    attestation: attestation(
      'I confirm the activity will not affect my performance, political neutrality or confidentiality, and I will update this declaration if anything changes.',
    ),
  },
  conditions: {
    riskDetails: {
      when: anyRisk,
      required: true,
      rule: 'Required when any question about the organisation is answered yes',
    },
    resourcesDetail: {
      when: (a) => answer(a, 'usesAgencyResources') === 'yes',
      required: true,
      rule: 'Required when usesAgencyResources is yes',
    },
  },
  steps: [
    {
      id: 'about',
      title: 'About you',
      fields: ['roleTitle', 'businessUnit', 'managerName', 'employmentType', 'employeeId'],
    },
    {
      id: 'activity',
      title: 'The activity',
      fields: ['organisationName', 'roleDuties', 'activityType', 'startDate', 'expectedDuration'],
    },
    {
      id: 'time',
      title: 'Time and resources',
      fields: ['timing', 'duringWorkHours', 'usesAgencyResources'],
    },
    {
      id: 'organisation',
      title: 'The other organisation',
      fields: [...ORGANISATION_RISK_FIELDS],
    },
    {
      id: 'conflicts',
      title: 'Conflicts',
      fields: ['riskDetails', 'resourcesDetail', 'conflictAndManagement'],
    },
  ],
  attestationField: 'attestation',
  whatHappensNext: [
    'Do not start the activity until it is approved.',
    'Your manager assesses conflict, reputational and workload risk, and may consult HR or the integrity team.',
    'Approved activities are recorded in the interests register; any conditions become part of a management plan.',
    'It is reviewed at the annual declaration round or when anything changes; approval can be withdrawn if circumstances change.',
  ],
});
