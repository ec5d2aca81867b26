import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { dataSchemaUri, toCloudEvent } from '../../../../src/core/forwarding/cloudevent';
import { OutboundEventTypes } from '../../../../src/core/forwarding/outbound-event';
import { makeEvent } from '../../../support/forwarding';

describe('CloudEvents envelope', () => {
  const ajv = new Ajv2020({ strict: true });
  addFormats(ajv);
  const validate = ajv.compile(
    JSON.parse(readFileSync('schemas/declaration-event.v1.json', 'utf8')) as object,
  );
  const options = {
    source: '/integrity-assistant/example-agency',
    schemaUri: 'https://schemas.example.govt.nz/{name}.v{version}.json',
  };

  it('carries the CloudEvents 1.0 context and the declaration as data', () => {
    const event = makeEvent({ occurredAt: new Date('2026-03-02T09:00:00.000Z') });
    const envelope = toCloudEvent(event, options);
    assert.deepEqual(envelope, {
      specversion: '1.0',
      id: event.id,
      source: '/integrity-assistant/example-agency',
      type: 'nz.govt.integrity.declaration.submitted',
      time: '2026-03-02T09:00:00.000Z',
      subject: event.subject,
      datacontenttype: 'application/json',
      dataschema: 'https://schemas.example.govt.nz/gift-hospitality.v1.json',
      data: event.data,
    });
    assert.ok(validate(JSON.parse(JSON.stringify(envelope))), JSON.stringify(validate.errors));
  });

  it('validates every event type against the published envelope schema', () => {
    for (const type of Object.values(OutboundEventTypes)) {
      const envelope = toCloudEvent(makeEvent({ type }), {
        source: '/x',
        schemaUri: 'urn:integrity-assistant:schema:',
      });
      assert.ok(validate(JSON.parse(JSON.stringify(envelope))), JSON.stringify(validate.errors));
    }
    assert.equal(validate({ ...toCloudEvent(makeEvent(), options), type: 'other' }), false);
  });

  it('fills the schema URI template; keeps a schema id that is already a URI', () => {
    assert.equal(
      dataSchemaUri('https://x.govt.nz/s/gift@2.json', 'urn:a:{id}'),
      'https://x.govt.nz/s/gift@2.json',
    );
    assert.equal(dataSchemaUri('gift-hospitality@1', 'urn:a:{id}'), 'urn:a:gift-hospitality@1');
    assert.equal(
      dataSchemaUri(
        'declaration-withdrawn@1',
        'https://intranet.govt.nz/schemas/{name}.v{version}.json',
      ),
      'https://intranet.govt.nz/schemas/declaration-withdrawn.v1.json',
    );
  });
});
