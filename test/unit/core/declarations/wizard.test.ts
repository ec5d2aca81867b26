import { strict as assert } from 'node:assert';
import { DeclarationsConfigSchema } from '../../../../src/core/declarations/config';
import { summariseDelivery } from '../../../../src/core/declarations/delivery';
import { FORMS } from '../../../../src/core/declarations/forms/index';
import { formatReference, nzYear } from '../../../../src/core/declarations/reference';
import {
  cleanAnswers,
  configureForm,
  displayValue,
  labelOf,
  parseStepInputs,
  stepFields,
  visibleSteps,
} from '../../../../src/core/declarations/wizard';

const config = DeclarationsConfigSchema.parse({});
const coi = configureForm(FORMS['conflict-of-interest'], config);
const gift = configureForm(FORMS['gift-hospitality'], config);

describe('the declaration wizard', () => {
  it('keeps every form to three to six steps, and skips steps with nothing to ask', () => {
    for (const form of Object.values(FORMS)) {
      const steps = visibleSteps(configureForm(form, config), {});
      assert.ok(steps.length >= 3 && steps.length <= 6, `${form.id}: ${steps.length}`);
    }
    assert.deepEqual(
      visibleSteps(coi, { declarationType: 'nil' }).map((s) => s.id),
      ['about', 'kind'],
    );
    assert.deepEqual(
      visibleSteps(coi, { declarationType: 'new', relatesToProcurement: 'yes' }).map((s) => s.id),
      ['about', 'kind', 'interest', 'work', 'procurement'],
    );
  });

  it('asks only the conditional questions that apply', () => {
    assert.deepEqual(stepFields(gift, 'details', { status: 'returned' }), [
      'declineCommunication',
      'otherOffersFromGiver',
    ]);
    assert.deepEqual(
      stepFields(gift, 'details', { status: 'pending', giverInLiveProcurement: 'yes' }),
      ['businessReason', 'disposal', 'procurementName', 'otherOffersFromGiver'],
    );
    assert.deepEqual(stepFields(gift, 'review', {}), ['attestation']);
  });

  it('drops answers to questions no longer asked', () => {
    const cleaned = cleanAnswers(gift, {
      status: 'declined',
      businessReason: 'old',
      declineCommunication: 'email',
      attestation: true,
    });
    assert.deepEqual(cleaned, {
      status: 'declined',
      declineCommunication: 'email',
      attestation: true,
    });
  });

  it('parses a step as Teams sends it, reporting problems per field', () => {
    const keys = stepFields(gift, 'decision', {});
    const ok = parseStepInputs(
      gift,
      keys,
      {
        estimatedValue: '80',
        valueBasis: 'Shop price',
        status: 'declined',
        involvedInDecision: 'no',
        giverInLiveProcurement: 'no',
      },
      'complete',
    );
    assert.deepEqual(ok.errors, {});
    assert.equal(ok.values.estimatedValue, 80);
    const bad = parseStepInputs(
      gift,
      keys,
      { estimatedValue: 'lots', valueBasis: 'x'.repeat(300), status: 'stolen', extra: '1' },
      'complete',
    );
    assert.deepEqual(Object.keys(bad.errors).sort(), [
      'estimatedValue',
      'giverInLiveProcurement',
      'involvedInDecision',
      'status',
      'valueBasis',
    ]);
    assert.match(bad.errors.valueBasis ?? '', /200 characters or fewer \(it has 300\)/);
    assert.deepEqual(bad.unexpected, ['extra']);
    assert.equal(bad.malformed, true);
    const partial = parseStepInputs(gift, keys, { valueBasis: '' }, 'partial');
    assert.deepEqual(partial.errors, {});
    assert.ok('valueBasis' in partial.values && partial.values.valueBasis === undefined);
    const typed = parseStepInputs(gift, keys, { estimatedValue: 80 }, 'partial');
    assert.ok(typed.malformed);
  });

  it('uses the agency labels and hides the agency hidden fields', () => {
    const custom = DeclarationsConfigSchema.parse({
      forms: {
        'gift-hospitality': { hiddenFields: ['employeeId'], labels: { roleTitle: 'Position' } },
      },
    });
    const cf = configureForm(FORMS['gift-hospitality'], custom);
    assert.equal(labelOf(cf, 'roleTitle'), 'Position');
    assert.deepEqual(stepFields(cf, 'about', {}), ['roleTitle', 'businessUnit', 'managerName']);
  });

  it('shows answers as a person reads them', () => {
    assert.equal(displayValue(gift, 'status', 'pending'), 'Not decided yet: waiting for approval');
    assert.equal(displayValue(gift, 'estimatedValue', 1250), '$1,250');
    assert.equal(displayValue(gift, 'dateOffered', '2026-03-02'), '2 March 2026');
    assert.equal(displayValue(gift, 'attestation', true), 'Yes');
    assert.equal(displayValue(gift, 'giverOrganisation', undefined), 'Not answered');
    assert.equal(
      displayValue(coi, 'proposedManagement', ['step-out', 'oversight']),
      'Step out of related decisions; Extra oversight of my work',
    );
  });
});

describe('reference numbers and delivery status', () => {
  it('formats references per prefix and New Zealand year', () => {
    assert.equal(formatReference('COI', 2026, 42), 'COI-2026-000042');
    assert.equal(nzYear(new Date('2026-12-31T12:00:00Z')), 2027);
    assert.equal(nzYear(new Date('2026-12-31T10:00:00Z')), 2026);
  });

  it('summarises the outbox per destination, worst state first', () => {
    const row = (
      destinationId: string,
      status: 'pending' | 'delivered' | 'retrying' | 'dead',
      attempts = 1,
    ) => ({
      eventId: 'e',
      eventType: 't',
      destinationId,
      status,
      attempts,
      destinationDisabled: false,
      createdAt: new Date(),
    });
    assert.equal(summariseDelivery([], false).label, 'Submitted');
    assert.equal(summariseDelivery([row('a', 'pending', 0)], false).label, 'Submitted');
    assert.equal(
      summariseDelivery([row('a', 'delivered'), row('b', 'delivered')], false).label,
      'Forwarded',
    );
    const delayed = summariseDelivery([row('a', 'delivered'), row('b', 'retrying', 3)], false);
    assert.equal(delayed.label, 'Delivery delayed');
    assert.deepEqual(
      delayed.destinations.map((d) => [d.destinationId, d.label]),
      [
        ['a', 'delivered'],
        ['b', 'delayed, retrying'],
      ],
    );
    assert.equal(
      summariseDelivery([row('a', 'dead')], false).destinations[0]?.label,
      'failed, integrity team notified',
    );
    assert.equal(summariseDelivery([row('a', 'delivered')], true).label, 'Withdrawn');
  });
});
