import { answer, defineForm, type Answers } from '../form-definition';
import { attestation, choice, date, longText, multiChoice, text, yesNo } from '../fields';
import { aboutYouFields } from './about-you';

const notNil = (a: Answers) => answer(a, 'declarationType') !== 'nil';
const procurement = (a: Answers) => notNil(a) && answer(a, 'relatesToProcurement') === 'yes';
const ifNotNil = { when: notNil, required: true, rule: 'Required unless declarationType is nil' };

export const conflictOfInterestForm = defineForm({
  id: 'conflict-of-interest',
  referencePrefix: 'COI',
  title: 'Conflict of interest declaration',
  noun: 'conflict of interest',
  description: 'An interest, relationship or role that overlaps with your work, or a nil return.',
  shape: {
    ...aboutYouFields(),
    workerType: choice('You work here as', [
      ['employee', 'Employee'],
      ['contractor', 'Contractor'],
      ['consultant', 'Consultant'],
      ['secondee', 'Secondee'],
      ['intern', 'Intern'],
      ['volunteer', 'Volunteer'],
    ]),
    declarationType: choice('What kind of declaration is this?', [
      ['new', 'A new interest'],
      ['update', 'An update to an interest I declared before'],
      ['periodic', 'My periodic (annual) review'],
      ['nil', 'Nil return: I have no interests to declare'],
      ['closing', 'Closing an interest that has ended'],
    ]),
    trigger: choice('What prompted it?', [
      ['new-role', 'Starting or changing role'],
      ['panel', 'Joining a procurement, evaluation or recruitment panel'],
      ['procurement', 'A procurement'],
      ['recruitment', 'A recruitment'],
      ['election-year', 'Election year'],
      ['other', 'Something else'],
    ]).optional(),
    interestCategory: choice('Type of interest', [
      ['financial', 'Financial: shares, business, property or debts'],
      ['directorship', 'Directorship or governance role'],
      ['secondary-employment', 'Secondary employment'],
      ['relationship', 'Close personal relationship: family, partner or friend'],
      [
        'membership',
        'Membership: club, church, iwi or hapū, association, union or professional body',
      ],
      ['previous-employer', 'Previous employer or client'],
      ['agency-services', "Personal use of the agency's services"],
      ['public-views', 'Strong public views or political activity'],
      ['gifts', 'Gifts received from a party'],
      ['other', 'Something else'],
    ]).optional(),
    interestHolder: choice('Whose interest is it?', [
      ['mine', 'Mine'],
      ['family', "A family member's"],
      ['associate', "A close friend's or associate's"],
    ]).optional(),
    otherParty: text('The other person or organisation involved').optional(),
    interestDescription: longText(
      'Describe the interest and your relationship with them',
    ).optional(),
    workConnection: longText(
      'How it connects to your work (decisions, files, contracts, tenders, regulated parties or recruitment)',
    ).optional(),
    conflictType: choice('Is the conflict actual, potential or perceived?', [
      ['actual', 'Actual'],
      ['potential', 'Potential'],
      ['perceived', 'Perceived'],
    ]).optional(),
    interestStartDate: date('Date the interest arose').optional(),
    interestEndDate: date('Expected end date, if any').optional(),
    proposedManagement: multiChoice('How you propose to manage it', [
      ['step-out', 'Step out of related decisions'],
      ['reassign', 'Reassign the task'],
      ['restrict-information', 'Restrict my access to information'],
      ['oversight', 'Extra oversight of my work'],
      ['divest', 'Divest the interest'],
      ['transfer', 'Transfer to another role or team'],
      ['other', 'Something else (talk to your manager)'],
    ]).optional(),
    relatesToProcurement: yesNo(
      'Can you influence a procurement connected with this interest?',
    ).optional(),
    procurementName: text('Procurement name or ID').optional(),
    confidentialityAgreementSigned: yesNo(
      'Have you signed a confidentiality agreement for that procurement?',
    ).optional(),
    attestation: attestation(
      'I confirm this information is complete, and I will update it if things change.',
    ),
  },
  conditions: {
    interestCategory: ifNotNil,
    interestHolder: ifNotNil,
    otherParty: ifNotNil,
    interestDescription: ifNotNil,
    workConnection: ifNotNil,
    conflictType: ifNotNil,
    interestStartDate: ifNotNil,
    interestEndDate: { ...ifNotNil, required: false, rule: 'Not asked for a nil return' },
    proposedManagement: { ...ifNotNil, required: false, rule: 'Not asked for a nil return' },
    relatesToProcurement: ifNotNil,
    procurementName: {
      when: procurement,
      required: true,
      rule: 'Required when relatesToProcurement is yes',
    },
    confidentialityAgreementSigned: {
      when: procurement,
      required: true,
      rule: 'Required when relatesToProcurement is yes',
    },
  },
  steps: [
    {
      id: 'about',
      title: 'About you',
      fields: ['roleTitle', 'businessUnit', 'workerType', 'managerName', 'employeeId'],
    },
    { id: 'kind', title: 'The declaration', fields: ['declarationType', 'trigger'] },
    {
      id: 'interest',
      title: 'The interest',
      intro: 'Only include what is needed about other people.',
      fields: ['interestCategory', 'interestHolder', 'otherParty', 'interestDescription'],
    },
    {
      id: 'work',
      title: 'How it affects your work',
      fields: [
        'workConnection',
        'conflictType',
        'interestStartDate',
        'interestEndDate',
        'proposedManagement',
        'relatesToProcurement',
      ],
    },
    {
      id: 'procurement',
      title: 'The procurement',
      fields: ['procurementName', 'confidentialityAgreementSigned'],
    },
  ],
  attestationField: 'attestation',
  whatHappensNext: [
    'Talk it through with your manager: if in doubt, talk it out.',
    'Your manager assesses the conflict and, if there is one, agrees a written management plan with you. Serious or unmanageable conflicts go to the integrity team.',
    "The declaration, decision and plan are recorded in the agency's interests register, including 'no conflict' outcomes.",
    'The plan is reviewed at least once a year or when things change. Update this declaration if anything changes.',
  ],
});
