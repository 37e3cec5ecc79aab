import { platformPersonalFields } from './platform-personal-fields';

describe('platformPersonalFields', () => {
  it('decrypts, per event type, every field any service decrypts', () => {
    const fields = platformPersonalFields();
    expect(fields['frm.events.v1.FeatureRequestSubmitted']).toEqual({ subjectField: 'authorId', fields: ['title', 'description'] });
    expect(fields['frm.events.v1.RecipientPreferencesUpdated']?.fields).toEqual(['weddingDate', 'emailAddress']);
    expect(fields['frm.events.v1.VoteReviewed']).toEqual({ subjectField: 'reviewerId', fields: ['reason'] });
  });

  it('unites the fields of one event type, and refuses two services that disagree on whose key it is', () => {
    expect(
      platformPersonalFields([{ 'x.Event': { subjectField: 'authorId', fields: ['title'] } }, { 'x.Event': { subjectField: 'authorId', fields: ['title', 'body'] } }]),
    ).toEqual({ 'x.Event': { subjectField: 'authorId', fields: ['title', 'body'] } });
    expect(() =>
      platformPersonalFields([{ 'x.Event': { subjectField: 'authorId', fields: ['title'] } }, { 'x.Event': { subjectField: 'editorId', fields: ['title'] } }]),
    ).toThrow('two services encrypt x.Event under different subjects (authorId and editorId); make them agree');
  });
});
