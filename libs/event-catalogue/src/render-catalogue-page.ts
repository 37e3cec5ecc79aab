import type { AsyncApiChannel, AsyncApiDocument, AsyncApiMessage, Reference, SchemaObject } from './asyncapi.types';
import { anchorOf, escapeHtml, paragraphsHtml, proseHtml } from './html-text';
import { dereference, isReference, referencedName } from './resolve-reference';
import { jsonTypeHtml, protobufFieldText, tableHtml, valueHtml } from './schema-cells';

export interface CataloguePageOptions {
  /** Links to the raw document, e.g. `{ yaml: '/events/asyncapi.yaml', json: '/events/asyncapi.json' }`. */
  readonly downloads?: { readonly yaml: string; readonly json: string };
}

/** CSS of the page: kept in one constant so that a Content-Security-Policy can allow exactly it. */
export const CATALOGUE_PAGE_STYLE =
  'body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#222}' +
  'table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}' +
  'th{background:#f3f3f3}code{background:#f3f3f3;padding:0 .2rem}section{border-top:1px solid #ddd;margin-top:2rem}';

/**
 * The catalogue as one readable HTML page: the contract and guarantees, a table of topics, then
 * every topic, message (headers, key, payload fields) and shared type. All text is escaped.
 */
export function renderCataloguePage(doc: AsyncApiDocument, options: CataloguePageOptions = {}): string {
  const { info } = doc;
  const messages = Object.entries(doc.components.messages);
  const payloads = new Set(messages.flatMap(([, message]) => (isReference(message.payload) ? [referencedName(message.payload)] : [])));
  const types = Object.entries(doc.components.schemas).filter(([name, schema]) => !payloads.has(name) && (schema['x-protobuf-message'] || schema['x-protobuf-enum']));
  const downloads = options.downloads
    ? `<p>The document itself: <a href="${escapeHtml(options.downloads.yaml)}">AsyncAPI YAML</a>, <a href="${escapeHtml(options.downloads.json)}">AsyncAPI JSON</a>.</p>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(info.title)} ${escapeHtml(info.version)}</title>
<style>${CATALOGUE_PAGE_STYLE}</style>
</head>
<body>
<h1>${escapeHtml(info.title)}</h1>
<p>Version ${escapeHtml(info.version)} · AsyncAPI ${escapeHtml(doc.asyncapi)} · example consumer: <code>${escapeHtml(info['x-frm-example-consumer'])}</code></p>
${downloads}
${paragraphsHtml(info.description)}
${serversHtml(doc)}
<h2>Topics</h2>
${topicsTableHtml(doc)}
${Object.values(doc.channels).map((channel) => channelHtml(doc, channel)).join('\n')}
<section>
<h2>Messages</h2>
${messages.map(([name, message]) => messageHtml(doc, name, message)).join('\n')}
</section>
<section>
<h2>Types</h2>
${types.map(([name, schema]) => typeHtml(doc, name, schema)).join('\n')}
</section>
</body>
</html>
`;
}

function serversHtml(doc: AsyncApiDocument): string {
  const rows = Object.entries(doc.servers).map(([name, server]) => [
    escapeHtml(name),
    `<code>${escapeHtml(server.host)}</code> (${escapeHtml(server.protocol)})`,
    proseHtml([server.description, ...Object.entries(server.variables ?? {}).map(([variable, value]) => `{${variable}}: ${value.description}`)].join(' ')),
  ]);
  return `<h2>Servers</h2>\n${tableHtml(['Server', 'Host', 'Notes'], rows)}`;
}

function topicsTableHtml(doc: AsyncApiDocument): string {
  const rows = Object.values(doc.channels).map((channel) => {
    const kafka = channel.bindings.kafka;
    return [
      `<a href="#${escapeHtml(anchorOf('topic', channel.address))}"><code>${escapeHtml(channel.address)}</code></a>`,
      String(kafka.partitions),
      escapeHtml(durationText(kafka.topicConfiguration['retention.ms'])),
      escapeHtml(kafka.topicConfiguration['cleanup.policy'].join(', ')),
      channelMessages(doc, channel).map(([name]) => messageLink(name)).join(', '),
    ];
  });
  return tableHtml(['Topic', 'Partitions', 'Retention', 'Cleanup', 'Messages'], rows);
}

function channelHtml(doc: AsyncApiDocument, channel: AsyncApiChannel): string {
  const operations = Object.values(doc.operations).filter((operation) => operation.channel.$ref === `#/channels/${channel.address}`);
  return `<section id="${escapeHtml(anchorOf('topic', channel.address))}">
<h2>Topic <code>${escapeHtml(channel.address)}</code></h2>
${paragraphsHtml(channel.description)}
<p>${escapeHtml(String(channel.bindings.kafka.partitions))} partition(s). ${proseHtml(channel.bindings.kafka['x-frm-configured-by'])}</p>
${operations.map((operation) => `<p><strong>${escapeHtml(operation.action)}: ${escapeHtml(operation.title)}.</strong> ${proseHtml(operation.description)}</p>`).join('\n')}
<p>Messages: ${channelMessages(doc, channel).map(([name]) => messageLink(name)).join(', ')}</p>
</section>`;
}

function messageHtml(doc: AsyncApiDocument, name: string, message: AsyncApiMessage): string {
  const headers = dereference<SchemaObject>(doc, message.headers);
  const required = new Set(headers.required ?? []);
  const headerRows = Object.entries(headers.properties ?? {}).map(([header, schema]) => {
    const resolved = dereference<SchemaObject>(doc, schema);
    // A family's type header lists every type of the family; this message's own is the one it carries.
    const value = resolved.enum?.includes(message.name) ? `<code>${escapeHtml(message.name)}</code>` : valueHtml(resolved);
    return [`<code>${escapeHtml(header)}</code>`, required.has(header) ? 'always' : 'sometimes', value, proseHtml(resolved.description ?? '')];
  });
  return `<article id="${escapeHtml(anchorOf('message', name))}">
<h3>${escapeHtml(message.title)}</h3>
<p><code>${escapeHtml(message.name)}</code> · content type <code>${escapeHtml(message.contentType)}</code></p>
${paragraphsHtml(message.description ?? '')}
<p><strong>Key:</strong> ${proseHtml(message.bindings.kafka.key.description ?? '')}</p>
<h4>Headers</h4>
${headers.description ? `<p>${proseHtml(headers.description)}</p>` : ''}
${tableHtml(['Header', 'Present', 'Value', 'Meaning'], headerRows)}
<h4>Payload</h4>
${payloadHtml(doc, message.payload)}
</article>`;
}

function payloadHtml(doc: AsyncApiDocument, payload: SchemaObject | Reference): string {
  const schema = dereference<SchemaObject>(doc, payload);
  if (!schema.properties) return `<p>${escapeHtml(schema.type ?? '')}${schema.format ? ` (${escapeHtml(schema.format)})` : ''}: ${proseHtml(schema.description ?? '')}</p>`;
  const protobuf = schema['x-protobuf-message'];
  return `${protobuf ? `<p>Protobuf message <code>${escapeHtml(protobuf)}</code>; fields as in its canonical JSON.</p>` : ''}\n${fieldsTableHtml(doc, schema)}`;
}

function typeHtml(doc: AsyncApiDocument, name: string, schema: SchemaObject): string {
  const body = schema.enum
    ? tableHtml(
        ['Value', 'Meaning'],
        schema.enum.map((value) => [`<code>${escapeHtml(value)}</code>`, proseHtml(schema['x-enum-descriptions']?.[value] ?? '')]),
      )
    : fieldsTableHtml(doc, schema);
  return `<article id="${escapeHtml(anchorOf('type', name))}">
<h3>${escapeHtml(schema.title ?? name)}</h3>
<p><code>${escapeHtml(name)}</code></p>
${paragraphsHtml(schema.description ?? '')}
${body}
</article>`;
}

function fieldsTableHtml(doc: AsyncApiDocument, schema: SchemaObject): string {
  const rows = Object.entries(schema.properties ?? {}).map(([field, property]) => {
    const resolved = dereference<SchemaObject>(doc, property);
    return [`<code>${escapeHtml(field)}</code>`, jsonTypeHtml(doc, property), `<code>${escapeHtml(protobufFieldText(resolved))}</code>`, proseHtml(resolved.description ?? '')];
  });
  return tableHtml(['Field', 'JSON type', 'Protobuf field', 'Meaning'], rows);
}

function channelMessages(doc: AsyncApiDocument, channel: AsyncApiChannel): [string, AsyncApiMessage][] {
  return Object.values(channel.messages).map((reference) => [referencedName(reference), dereference<AsyncApiMessage>(doc, reference)]);
}

/** `604800000` → `7 days (604800000 ms)`; -1 is Kafka's "forever". */
function durationText(ms: number): string {
  if (ms < 0) return 'forever';
  const day = 24 * 60 * 60 * 1000;
  return ms % day === 0 ? `${ms / day} days (${ms} ms)` : `${ms} ms`;
}

function messageLink(name: string): string {
  return `<a href="#${escapeHtml(anchorOf('message', name))}">${escapeHtml(name)}</a>`;
}
