import { topicsOf, frmEventRoutes, deadLetterTopicOf } from '@frm/messaging';
import type { AsyncApiDocument, SchemaObject } from './asyncapi.types';
import { buildEventCatalogue } from './build-event-catalogue';
import { loadCatalogueSources } from './catalogue-sources';
import { renderCataloguePage } from './render-catalogue-page';

const doc = buildEventCatalogue(loadCatalogueSources());
const HOSTILE = `<script>alert("x")</script><img src=x onerror='alert(1)'>&amp;`;
const ESCAPED = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=&#39;alert(1)&#39;&gt;&amp;amp;';

/** The catalogue with hostile text in a title, a description, a field name, an enum value and a header's value. */
function hostileCatalogue(): AsyncApiDocument {
  const copy = structuredClone(doc);
  const schemas = copy.components.schemas as Record<string, SchemaObject>;
  const voteCast = schemas['frm.events.v1.VoteCast'] as SchemaObject;
  schemas['frm.events.v1.VoteCast'] = { ...voteCast, properties: { ...voteCast.properties, [HOSTILE]: { type: 'string', description: HOSTILE } } };
  schemas['frm.events.v1.VoteHold'] = { ...schemas['frm.events.v1.VoteHold'], enum: [HOSTILE], 'x-enum-descriptions': { [HOSTILE]: HOSTILE } };
  const headers = schemas['headers.frm.events.v1.Vote'] as SchemaObject;
  schemas['headers.frm.events.v1.Vote'] = { ...headers, properties: { ...headers.properties, 'ce_source': { type: 'string', const: HOSTILE } } };
  return { ...copy, info: { ...copy.info, title: HOSTILE, description: `${HOSTILE}\n\n- ${HOSTILE}` } };
}

describe('renderCataloguePage', () => {
  const page = renderCataloguePage(doc, { downloads: { yaml: '/events/asyncapi.yaml', json: '/events/asyncapi.json' } });

  it('shows every topic, dead-letter topic and message, with its fields', () => {
    for (const topic of topicsOf(frmEventRoutes)) {
      expect(page).toContain(`<code>${topic}</code>`);
      expect(page).toContain(`<code>${deadLetterTopicOf(topic)}</code>`);
    }
    for (const message of Object.values(doc.components.messages)) expect(page).toContain(`<code>${message.name}</code>`);
    expect(page).toContain('<td><code>voterTimeZone</code></td><td>string</td><td><code>12 string voter_time_zone</code></td>');
    expect(page).toContain('<code>frm-replay</code></td><td>sometimes</td>');
    expect(page).toContain('7 days (604800000 ms)');
    expect(page).toContain('<a href="/events/asyncapi.yaml">');
  });

  it('escapes every text it shows', () => {
    const hostile = renderCataloguePage(hostileCatalogue());
    expect(hostile).not.toMatch(/<script|<img/i);
    expect(hostile).not.toContain(`onerror='`);
    expect(hostile.split(ESCAPED).length - 1).toBeGreaterThanOrEqual(7);
  });
});
