import type { OutboundEvent } from './outbound-event';

/** A CloudEvents 1.0 event in structured JSON mode: what webhooks post and files hold. */
export interface DeclarationCloudEvent {
  readonly specversion: '1.0';
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly time: string;
  /** The reference number: not personal information, so safe in a context attribute. */
  readonly subject: string;
  readonly datacontenttype: 'application/json';
  readonly dataschema: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** A form's schema id (gift-hospitality@1) as a URI by the template; an id already a URI is kept. */
export function dataSchemaUri(schemaId: string, template: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(schemaId)) return schemaId;
  const at = schemaId.lastIndexOf('@');
  const name = at > 0 ? schemaId.slice(0, at) : schemaId;
  const version = at > 0 ? schemaId.slice(at + 1) : '1';
  return template
    .replaceAll('{id}', schemaId)
    .replaceAll('{name}', name)
    .replaceAll('{version}', version);
}

export function toCloudEvent(
  event: OutboundEvent,
  options: { source: string; schemaUri: string },
): DeclarationCloudEvent {
  return {
    specversion: '1.0',
    id: event.id,
    source: options.source,
    type: event.type,
    time: event.occurredAt.toISOString(),
    subject: event.subject,
    datacontenttype: 'application/json',
    dataschema: dataSchemaUri(event.schemaId, options.schemaUri),
    data: event.data,
  };
}
