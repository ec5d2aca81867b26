import { strict as assert } from 'node:assert';
import {
  addressAllowed,
  createAddressClassifier,
  hostAllowed,
} from '../../../../src/core/forwarding/url-safety';

describe('webhook address safety (SSRF)', () => {
  const { classify } = createAddressClassifier();

  it('classifies the addresses a webhook must never reach', () => {
    const cases: Array<[string, string]> = [
      ['127.0.0.1', 'loopback'],
      ['127.8.9.10', 'loopback'],
      ['::1', 'loopback'],
      ['[::1]', 'loopback'],
      ['::ffff:127.0.0.1', 'loopback'],
      ['::ffff:7f00:1', 'loopback'],
      ['10.0.0.5', 'private'],
      ['172.16.0.1', 'private'],
      ['172.31.255.255', 'private'],
      ['192.168.1.1', 'private'],
      ['100.64.0.1', 'private'],
      ['fd12:3456::1', 'private'],
      ['::ffff:10.0.0.1', 'private'],
      ['169.254.169.254', 'link-local'],
      ['fe80::1%eth0', 'link-local'],
      ['0.0.0.0', 'reserved'],
      ['::', 'reserved'],
      ['224.0.0.1', 'reserved'],
      ['255.255.255.255', 'reserved'],
      ['2001:db8::1', 'reserved'],
      ['not-an-ip', 'reserved'],
      ['8.8.8.8', 'public'],
      ['172.32.0.1', 'public'],
      ['203.97.1.1', 'public'],
      ['2404:6800:4006::200e', 'public'],
    ];
    for (const [address, kind] of cases) assert.equal(classify(address), kind, address);
  });

  it('local mode may reach loopback; nothing may reach private or link-local', () => {
    assert.equal(addressAllowed('loopback', 'local'), true);
    assert.equal(addressAllowed('loopback', 'production'), false);
    for (const mode of ['local', 'production'] as const) {
      assert.equal(addressAllowed('private', mode), false);
      assert.equal(addressAllowed('link-local', mode), false);
      assert.equal(addressAllowed('public', mode), true);
    }
  });

  it('matches allowed hosts exactly or by a *. suffix, never by a bare suffix', () => {
    const allowed = ['hr.example.govt.nz', '*.cases.govt.nz'];
    assert.equal(hostAllowed('HR.example.govt.nz.', allowed), true);
    assert.equal(hostAllowed('a.cases.govt.nz', allowed), true);
    assert.equal(hostAllowed('cases.govt.nz', allowed), false);
    assert.equal(hostAllowed('evilhr.example.govt.nz', allowed), false);
    assert.equal(hostAllowed('hr.example.govt.nz.evil.com', allowed), false);
    assert.equal(hostAllowed('xcases.govt.nz', allowed), false);
  });
});
