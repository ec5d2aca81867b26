import { strict as assert } from 'node:assert';
import { DeclarationsConfigSchema } from '../../../../src/core/declarations/config';
import { FORMS } from '../../../../src/core/declarations/forms/index';
import {
  excludedChoices,
  giverKey,
  opensConflictOfInterest,
  policyFlags,
  policyIssues,
  policyNotes,
} from '../../../../src/core/declarations/policy';
import { prefillConflictOfInterest } from '../../../../src/core/declarations/prefill';

const config = DeclarationsConfigSchema.parse({});
const gift = FORMS['gift-hospitality'];
const none = { repeatOffers: 0 };

describe('declaration policy rules', () => {
  it('always declines cash and cash equivalents, unless the agency turns the rule off', () => {
    const cash = { offerType: 'cash' };
    assert.deepEqual(excludedChoices(gift, 'status', cash, config), ['accepted', 'pending']);
    assert.deepEqual(
      policyIssues(gift, { ...cash, status: 'accepted' }, config).map((i) => i.key),
      ['status'],
    );
    assert.deepEqual(policyIssues(gift, { ...cash, status: 'declined' }, config), []);
    assert.match(policyNotes(gift, cash, config, none).join(), /always declined/);
    const relaxed = DeclarationsConfigSchema.parse({ gifts: { cashAlwaysDeclined: false } });
    assert.deepEqual(excludedChoices(gift, 'status', cash, relaxed), []);
  });

  it('needs manager approval above the configured value', () => {
    const at = { status: 'accepted', estimatedValue: 100 };
    const over = { status: 'accepted', estimatedValue: 100.01 };
    assert.equal(policyFlags(gift, at, config, none).managerApprovalRequired, false);
    assert.equal(policyFlags(gift, over, config, none).managerApprovalRequired, true);
    assert.match(
      policyNotes(gift, over, config, none).join(),
      /more than \$100 need your manager's approval/,
    );
    assert.equal(
      policyFlags(gift, { ...over, status: 'declined' }, config, none).managerApprovalRequired,
      false,
    );
    const strict = DeclarationsConfigSchema.parse({ gifts: { managerApprovalThresholdNzd: 20 } });
    assert.equal(
      policyFlags(gift, { status: 'pending', estimatedValue: 25 }, strict, none)
        .managerApprovalRequired,
      true,
    );
    assert.deepEqual(excludedChoices(gift, 'disposal', over, config), ['keep']);
  });

  it('opens a prefilled conflict of interest for a giver in a live procurement or a decision', () => {
    assert.equal(opensConflictOfInterest(gift, { giverInLiveProcurement: 'yes' }), true);
    assert.equal(
      opensConflictOfInterest(gift, { involvedInDecision: 'yes', giverInLiveProcurement: 'no' }),
      true,
    );
    assert.equal(
      opensConflictOfInterest(gift, { involvedInDecision: 'no', giverInLiveProcurement: 'no' }),
      false,
    );
    assert.equal(
      opensConflictOfInterest(FORMS['koha-given'], { giverInLiveProcurement: 'yes' }),
      false,
    );
    const prefill = prefillConflictOfInterest(
      {
        roleTitle: 'Analyst',
        businessUnit: 'Policy',
        managerName: 'Alex',
        giverName: 'Sam',
        giverOrganisation: 'Acme',
        offerType: 'hospitality',
        dateOffered: '2026-03-02',
        giverInLiveProcurement: 'yes',
        procurementName: 'Widget tender',
      },
      'GIF-2026-000042',
    );
    assert.equal(prefill.otherParty, 'Acme');
    assert.equal(prefill.relatesToProcurement, 'yes');
    assert.equal(prefill.procurementName, 'Widget tender');
    assert.equal(prefill.interestCategory, 'gifts');
    assert.match(
      String(prefill.interestDescription),
      /hospitality: a meal, event or ticket.*GIF-2026-000042/,
    );
    // Everything prefilled is a valid answer for the conflict of interest form.
    for (const [key, value] of Object.entries(prefill)) {
      assert.ok(FORMS['conflict-of-interest'].shape[key]?.safeParse(value).success, key);
    }
  });

  it('flags repeated offers from the same giver', () => {
    assert.match(
      policyNotes(gift, {}, config, { repeatOffers: 2 }).join(),
      /2 other offers from this giver in the last 12 months/,
    );
    assert.equal(policyFlags(gift, {}, config, { repeatOffers: 2 }).repeatOffersFromGiver, 2);
    assert.equal(
      giverKey({ giverOrganisation: 'Acme Ltd.' }),
      giverKey({ giverOrganisation: 'ACME  limited' }),
    );
    assert.equal(giverKey({ giverName: 'Sam Supplier' }), 'sam supplier');
    assert.equal(giverKey({}), undefined);
  });

  it('checks a live procurement against the configured list', () => {
    const listed = DeclarationsConfigSchema.parse({
      liveProcurements: { mode: 'list', items: [{ id: 'p1', name: 'Widget tender' }] },
    });
    assert.deepEqual(policyIssues(gift, { procurementName: 'Widget tender' }, listed), []);
    assert.deepEqual(
      policyIssues(gift, { procurementName: 'Made up' }, listed).map((i) => i.key),
      ['procurementName'],
    );
    assert.deepEqual(policyIssues(gift, { procurementName: 'Made up' }, config), []);
  });

  it('notes koha that was not approved in advance', () => {
    const koha = FORMS['koha-given'];
    assert.deepEqual(
      policyFlags(koha, { kohaDate: '2026-05-01', approvalDate: '2026-05-01' }, config, none),
      { approvedInAdvance: true },
    );
    assert.deepEqual(
      policyFlags(koha, { kohaDate: '2026-05-01', approvalDate: '2026-05-02' }, config, none),
      { approvedInAdvance: false },
    );
    assert.match(
      policyNotes(
        koha,
        { kohaDate: '2026-05-01', approvalDate: '2026-05-02' },
        config,
        none,
      ).join(),
      /approved before/,
    );
  });
});
