import type { AsyncApiDocument, Reference, SchemaObject } from './asyncapi.types';
import { anchorOf, escapeHtml } from './html-text';
import { dereference, isReference, referencedName } from './resolve-reference';

/** A link to a component schema's section, named by its title. */
export function typeLink(doc: AsyncApiDocument, reference: Reference): string {
  const name = referencedName(reference);
  const title = dereference<SchemaObject>(doc, reference).title ?? name;
  return `<a href="#${escapeHtml(anchorOf('type', name))}">${escapeHtml(title)}</a>`;
}

/** The JSON type of a property as HTML: `string (date-time)`, `array of string`, a link to a message or enum. */
export function jsonTypeHtml(doc: AsyncApiDocument, schema: SchemaObject | Reference): string {
  if (isReference(schema)) return typeLink(doc, schema);
  const [only] = schema.allOf ?? [];
  if (only) return typeLink(doc, only);
  if (schema.type === 'array' && schema.items) return `array of ${jsonTypeHtml(doc, schema.items)}`;
  if (schema.type === 'object' && typeof schema.additionalProperties === 'object') return `object of ${jsonTypeHtml(doc, schema.additionalProperties)}`;
  const detail = schema.format ?? schema.contentEncoding;
  return escapeHtml(detail ? `${schema.type ?? 'any'} (${detail})` : (schema.type ?? 'any'));
}

/** Where a property sits in the protobuf message: `7 repeated string tags`. */
export function protobufFieldText(schema: SchemaObject): string {
  const field = schema['x-protobuf-field'];
  if (!field) return '';
  const label = field.label === 'optional' || field.label === 'repeated' ? `${field.label} ` : '';
  return `${field.number} ${label}${field.type} ${field.name}`;
}

/** A header's allowed values as HTML: a constant, a list of types, a format or a pattern. */
export function valueHtml(schema: SchemaObject): string {
  if (schema.const !== undefined) return `<code>${escapeHtml(schema.const)}</code>`;
  if (schema.enum) return schema.enum.map((value) => `<code>${escapeHtml(value)}</code>`).join('<br>');
  if (schema.format) return escapeHtml(schema.format);
  if (schema.pattern) return `<code>${escapeHtml(schema.pattern)}</code>`;
  return 'text';
}

/** An HTML table; the cells are HTML already. */
export function tableHtml(headings: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = `<tr>${headings.map((heading) => `<th>${escapeHtml(heading)}</th>`).join('')}</tr>`;
  const body = rows.map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('\n');
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}
