import { strict as assert } from 'node:assert';
import {
  deliveryLabel,
  summariseDeliveries,
} from '../../../../src/core/forwarding/delivery-status';

describe('what the submitter sees per destination', () => {
  const facts = (
    status: 'pending' | 'delivering' | 'delivered' | 'retrying' | 'dead',
    attempts = 1,
    destinationDisabled = false,
  ) => ({
    status,
    attempts,
    destinationDisabled,
  });

  it('maps outbox states to the three labels (and "sending" before the first answer)', () => {
    assert.equal(deliveryLabel(facts('delivered')).label, 'delivered');
    assert.equal(deliveryLabel(facts('retrying', 2)).label, 'delayed, retrying');
    assert.equal(deliveryLabel(facts('delivering', 3)).label, 'delayed, retrying');
    assert.equal(deliveryLabel(facts('dead', 8)).label, 'failed, integrity team notified');
    assert.equal(deliveryLabel(facts('pending', 0, true)).label, 'failed, integrity team notified');
    assert.equal(deliveryLabel(facts('pending', 0)).label, 'sending');
    assert.equal(deliveryLabel(facts('delivering', 1)).label, 'sending');
  });

  it('summarises a declaration per destination: the worst of its events wins', () => {
    const summary = summariseDeliveries([
      { destinationId: 'hr-system', ...facts('delivered') },
      { destinationId: 'mailbox', ...facts('delivered') },
      { destinationId: 'hr-system', ...facts('retrying', 2) },
      { destinationId: 'mailbox', ...facts('delivered') },
    ]);
    assert.deepEqual(summary, [
      { destinationId: 'hr-system', kind: 'retrying', label: 'delayed, retrying' },
      { destinationId: 'mailbox', kind: 'delivered', label: 'delivered' },
    ]);
  });
});
