import { strict as assert } from 'node:assert';
import type { z } from 'zod/v4';
import { DeclarationsConfigSchema } from '../../../../src/core/declarations/config';
import { fieldUi } from '../../../../src/core/declarations/field-ui';
import {
  attestation,
  choice,
  date,
  money,
  multiChoice,
  text,
} from '../../../../src/core/declarations/fields';
import { defineForm } from '../../../../src/core/declarations/form-definition';
import { FORMS } from '../../../../src/core/declarations/forms/index';
import { payloadSchemaFor } from '../../../../src/core/declarations/payload';

const about = { roleTitle: 'Policy analyst', businessUnit: 'Policy', managerName: 'Alex Manager' };

/** One complete, valid set of answers per form (typed, as stored). */
export const VALID: Record<string, Record<string, unknown>> = {
  'conflict-of-interest': {
    ...about,
    workerType: 'employee',
    declarationType: 'new',
    interestCategory: 'directorship',
    interestHolder: 'mine',
    otherParty: 'Example Trust',
    interestDescription: 'I am a trustee.',
    workConnection: 'The trust applies for grants my team assesses.',
    conflictType: 'potential',
    interestStartDate: '2025-02-01',
    relatesToProcurement: 'no',
    attestation: true,
  },
  'gift-hospitality': {
    ...about,
    dateOffered: '2026-03-02',
    giverName: 'Sam Supplier',
    giverRelationship: 'supplier',
    offerType: 'gift',
    description: 'A bottle of wine at the end of a project',
    estimatedValue: 40,
    valueBasis: 'Shop price',
    status: 'declined',
    involvedInDecision: 'no',
    giverInLiveProcurement: 'no',
    declineCommunication: 'Told them by email the same day',
    attestation: true,
  },
  'secondary-employment': {
    ...about,
    employmentType: 'full-time',
    organisationName: 'Example Netball Club',
    roleDuties: 'Coach',
    activityType: 'unpaid',
    startDate: '2026-04-01',
    expectedDuration: 'One season',
    timing: 'Saturday mornings',
    duringWorkHours: 'no',
    usesAgencyResources: 'no',
    contractsWithGovernment: 'no',
    receivesPublicFunding: 'yes',
    lobbiesGovernment: 'no',
    regulatedOrFundedByAgency: 'no',
    interestInAgencyInformation: 'no',
    riskDetails: 'A small Sport NZ grant',
    conflictAndManagement: 'None',
    attestation: true,
  },
  'koha-given': {
    occasion: 'tangihanga',
    kohaDate: '2026-05-01',
    recipient: 'Te Marae o Example',
    purpose: 'Tangihanga of a kaumātua who advised the team',
    kohaForm: 'cash',
    amountOrItem: '$200',
    amountRationale: 'Within the koha policy band for tangihanga',
    costCentre: 'CC-1001',
    approverName: 'Deputy Secretary',
    approvalDate: '2026-04-30',
    attestation: true,
  },
};

describe('declaration form schemas', () => {
  for (const form of Object.values(FORMS)) {
    describe(form.schemaId, () => {
      const valid = VALID[form.id] as Record<string, unknown>;

      it('accepts a complete declaration', () => {
        const parsed = form.schema.safeParse(valid);
        assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
      });

      it('refuses unknown keys, prototype keys and a missing attestation', () => {
        assert.equal(form.schema.safeParse({ ...valid, isAdmin: true }).success, false);
        const proto = { ...(JSON.parse('{"__proto__": {"x": 1}}') as object), ...valid };
        assert.equal(form.schema.safeParse(proto).success, false);
        const { attestation: _dropped, ...unattested } = valid;
        assert.equal(form.schema.safeParse(unattested).success, false);
        assert.equal(form.schema.safeParse({ ...valid, attestation: false }).success, false);
      });

      it('refuses wrong types and over-long text', () => {
        const firstText = Object.keys(valid).find(
          (k) =>
            typeof valid[k] === 'string' && fieldUi(k, form.shape[k] as z.ZodType).kind === 'text',
        );
        assert.ok(firstText);
        assert.equal(form.schema.safeParse({ ...valid, [firstText]: 7 }).success, false);
        assert.equal(
          form.schema.safeParse({ ...valid, [firstText]: 'x'.repeat(201) }).success,
          false,
        );
        assert.equal(form.schema.safeParse({ ...valid, [firstText]: '   ' }).success, false);
      });

      it('publishes a payload schema that wraps the answers with the declarant and version', () => {
        const payload = payloadSchemaFor(form).safeParse({
          schemaId: form.schemaId,
          form: form.id,
          reference: `${form.referencePrefix}-2026-000042`,
          declarationId: '6f1c2b3a-1d2e-4f50-8a9b-0c1d2e3f4a5b',
          versionId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
          version: 1,
          declarant: { id: 'aad-1', name: 'Aroha' },
          submittedAt: '2026-03-02T01:00:00.000Z',
          privacyNoticeVersion: '2026-1',
          answers: valid,
          policy: {},
        });
        assert.ok(payload.success, JSON.stringify(payload.error?.issues));
      });
    });
  }

  it('requires conditional answers only when they apply', () => {
    const gift = FORMS['gift-hospitality'];
    const { declineCommunication: _d, ...withoutReason } = VALID['gift-hospitality'] as Record<
      string,
      unknown
    >;
    const missing = gift.schema.safeParse(withoutReason);
    assert.equal(missing.success, false);
    assert.deepEqual(
      missing.error?.issues.map((i) => i.path),
      [['declineCommunication']],
    );
    const coi = FORMS['conflict-of-interest'];
    const nil = { ...about, workerType: 'contractor', declarationType: 'nil', attestation: true };
    assert.ok(coi.schema.safeParse(nil).success);
    assert.equal(coi.schema.safeParse({ ...nil, declarationType: 'new' }).success, false);
    const se = {
      ...(VALID['secondary-employment'] as object),
      receivesPublicFunding: 'no',
    } as Record<string, unknown>;
    delete se.riskDetails;
    assert.ok(FORMS['secondary-employment'].schema.safeParse(se).success);
  });

  it('reads what Teams sends: strings for numbers, toggles and multi-selects', () => {
    assert.equal(money('Value').parse('80.50'), 80.5);
    assert.equal(money('Value').safeParse('eighty').success, false);
    assert.equal(money('Value').safeParse('-1').success, false);
    assert.equal(attestation('I confirm').parse('true'), true);
    assert.equal(attestation('I confirm').safeParse('false').success, false);
    const multi = multiChoice('Pick', [
      ['a', 'A'],
      ['b', 'B'],
    ]);
    assert.deepEqual(multi.parse('a,b'), ['a', 'b']);
    assert.equal(multi.safeParse('a,c').success, false);
    assert.equal(date('When').parse('2026-02-28'), '2026-02-28');
    assert.equal(date('When').safeParse('2026-02-30').success, false);
    assert.equal(date('When').safeParse('1066-10-14').success, false);
    assert.equal(text('Name').parse('  Aroha  '), 'Aroha');
    assert.equal(choice('Pick', [['a', 'A']]).safeParse('b').success, false);
  });

  it('derives each input from its schema', () => {
    const gift = FORMS['gift-hospitality'].shape;
    const kind = (key: string) => fieldUi(key, gift[key] as z.ZodType).kind;
    assert.equal(kind('giverName'), 'text');
    assert.equal(kind('description'), 'multiline');
    assert.equal(kind('dateOffered'), 'date');
    assert.equal(kind('estimatedValue'), 'number');
    assert.equal(kind('status'), 'choice');
    assert.equal(kind('attestation'), 'toggle');
    assert.equal(
      fieldUi(
        'proposedManagement',
        FORMS['conflict-of-interest'].shape.proposedManagement as z.ZodType,
      ).kind,
      'multichoice',
    );
    const status = fieldUi('status', gift.status as z.ZodType);
    assert.equal(status.title, 'What did you do with the offer?');
    assert.deepEqual(
      status.choices.map((c) => c.value),
      ['accepted', 'declined', 'returned', 'pending'],
    );
    assert.equal(fieldUi('giverOrganisation', gift.giverOrganisation as z.ZodType).optional, true);
  });

  it('refuses a form definition that leaves a field off every step or uses a reserved name', () => {
    const base = {
      id: 'koha-given' as const,
      referencePrefix: 'KOH',
      title: 't',
      noun: 'n',
      description: 'd',
      attestationField: 'attestation',
      whatHappensNext: [],
      conditions: {},
    };
    assert.throws(
      () =>
        defineForm({ ...base, shape: { a: text('A'), attestation: attestation('x') }, steps: [] }),
      /every field/,
    );
    assert.throws(
      () =>
        defineForm({
          ...base,
          shape: { draftId: text('A'), attestation: attestation('x') },
          steps: [{ id: 's', title: 'S', fields: ['draftId'] }],
        }),
      /reserved/,
    );
  });

  describe('agency configuration', () => {
    it('has working defaults', () => {
      const config = DeclarationsConfigSchema.parse({});
      assert.equal(config.draftExpiryDays, 30);
      assert.equal(config.gifts.managerApprovalThresholdNzd, 100);
      assert.equal(config.gifts.cashAlwaysDeclined, true);
      assert.deepEqual(config.liveProcurements, { mode: 'ask' });
      assert.deepEqual(config.forms['gift-hospitality'], {
        enabled: true,
        hiddenFields: [],
        labels: {},
      });
    });

    it('lets an agency hide optional fields and relabel any field, and nothing else', () => {
      assert.ok(
        DeclarationsConfigSchema.safeParse({
          forms: {
            'gift-hospitality': {
              hiddenFields: ['employeeId', 'otherOffersFromGiver'],
              labels: { giverName: 'Who?' },
            },
          },
        }).success,
      );
      const bad = DeclarationsConfigSchema.safeParse({
        forms: {
          'gift-hospitality': {
            hiddenFields: ['giverName', 'attestation', 'businessReason', 'nope'],
            labels: { nope: 'x' },
          },
        },
      });
      assert.equal(bad.success, false);
      const messages = bad.error?.issues.map((i) => i.message).join('\n') ?? '';
      for (const key of ['giverName', 'attestation', 'businessReason', 'nope'])
        assert.match(messages, new RegExp(`"${key}"`));
      assert.equal(
        DeclarationsConfigSchema.safeParse({ forms: { 'tax-return': {} } }).success,
        false,
      );
      assert.equal(
        DeclarationsConfigSchema.safeParse({ liveProcurements: { mode: 'list', items: [] } })
          .success,
        false,
      );
    });
  });
});
