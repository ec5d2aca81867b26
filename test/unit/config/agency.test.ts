import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { formatPath, parseAgencyConfig } from '../../../src/config/agency';

const committed = readFileSync('config/agency.yaml', 'utf8');

describe('agency config', () => {
  it('accepts the committed local defaults', () => {
    const result = parseAgencyConfig(committed, 'agency.yaml');
    assert.ok(result.ok, result.ok ? '' : result.problems.join('\n'));
    assert.equal(result.value.agency.name, 'Example Agency');
  });

  it('names every problem by its path', () => {
    const source = committed
      .replace('email: integrity@example.govt.nz', 'email: not-an-email')
      .replace('name: Example Agency', 'name: ""');
    const result = parseAgencyConfig(source, 'agency.yaml');
    assert.ok(!result.ok);
    assert.ok(result.problems.some((p) => p.startsWith('agency.integrityContact.email:')));
    assert.ok(result.problems.some((p) => p.startsWith('agency.name:')));
  });

  it('rejects unknown keys, so a typo does not silently fall back to a default', () => {
    const result = parseAgencyConfig(`${committed}\nadvisors:\n  ids: []\n`, 'agency.yaml');
    assert.ok(!result.ok);
  });

  it('reports YAML syntax errors without crashing', () => {
    const result = parseAgencyConfig('agency: [unclosed', 'agency.yaml');
    assert.ok(!result.ok);
    assert.match(result.problems[0] ?? '', /agency\.yaml/);
  });

  it('formats array indexes the way administrators read YAML', () => {
    assert.equal(
      formatPath(['forwarding', 'destinations', 1, 'url']),
      'forwarding.destinations[1].url',
    );
  });
});
