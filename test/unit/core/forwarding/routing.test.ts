import { strict as assert } from 'node:assert';
import { createRouter } from '../../../../src/core/forwarding/routing';

describe('forwarding routes', () => {
  const route = createRouter({
    routes: [
      {
        forms: ['conflict-of-interest', 'gift-hospitality'],
        to: ['hr-system', 'integrity-mailbox'],
      },
      { forms: ['gift-hospitality'], to: ['gifts-register', 'hr-system'] },
      { forms: ['*'], to: ['local-folder'] },
    ],
  });

  it('sends a form to every destination of every matching route, each once, in route order', () => {
    assert.deepEqual(route('gift-hospitality'), [
      'hr-system',
      'integrity-mailbox',
      'gifts-register',
      'local-folder',
    ]);
    assert.deepEqual(route('conflict-of-interest'), [
      'hr-system',
      'integrity-mailbox',
      'local-folder',
    ]);
  });

  it('"*" catches forms no other route names; no routes means nowhere', () => {
    assert.deepEqual(route('secondary-employment'), ['local-folder']);
    assert.deepEqual(createRouter({ routes: [] })('gift-hospitality'), []);
  });
});
