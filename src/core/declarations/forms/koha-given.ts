import { defineForm } from '../form-definition';
import { attestation, choice, date, longText, text } from '../fields';

export const kohaGivenForm = defineForm({
  id: 'koha-given',
  referencePrefix: 'KOH',
  title: 'Koha given by the agency',
  noun: 'koha given',
  description: 'Koha the agency gives, for example at a tangihanga, hui or marae visit.',
  shape: {
    occasion: choice('The occasion', [
      ['tangihanga', 'Tangihanga'],
      ['hui', 'Hui or event'],
      ['marae-visit', 'Marae visit'],
      ['powhiri', 'Pōwhiri or mihi whakatau'],
      ['kaumatua-support', 'Kaumātua support'],
      ['other', 'Another occasion'],
    ]),
    kohaDate: date('Date of the koha'),
    recipient: text('Recipient (marae, whānau, hapū, iwi or organisation)'),
    purpose: longText('Purpose, and any supporting notes'),
    kohaForm: choice('Cash or non-cash?', [
      ['cash', 'Cash'],
      ['non-cash', 'Non-cash (an item or food)'],
    ]),
    amountOrItem: text('Amount or item'),
    amountRationale: longText('How the amount was set under the koha policy'),
    costCentre: text('Cost centre', { max: 60 }),
    approverName: text('Approved in advance by (delegation holder)'),
    approvalDate: date('Date it was approved'),
    notes: longText('Anything else to record').optional(),
    attestation: attestation('I confirm this information is complete and correct.'),
  },
  conditions: {},
  steps: [
    {
      id: 'occasion',
      title: 'The occasion',
      fields: ['occasion', 'kohaDate', 'recipient', 'purpose'],
    },
    {
      id: 'koha',
      title: 'The koha',
      fields: ['kohaForm', 'amountOrItem', 'amountRationale', 'costCentre'],
    },
    { id: 'approval', title: 'Approval', fields: ['approverName', 'approvalDate', 'notes'] },
  ],
  attestationField: 'attestation',
  whatHappensNext: [
    'Finance reconciles the koha against the approval and cost centre.',
    'It is recorded in the koha register with the occasion, recipient and approval.',
    'Koha should be approved in advance by the appropriate delegation holder; talk to the integrity team if it was not.',
  ],
});
