import fc from 'fast-check';
import { ACTING_SUBJECT_FIELDS, subjectActedIn, subjectsOf } from './subjects-of-event';

const author = 'a0000000-0000-4000-8000-00000000000A';
const voter = 'b0000000-0000-4000-8000-00000000000b';

describe('subjectsOf', () => {
  it('names the actor of the metadata and the acting fields of the data, in lower case, once', () => {
    expect(subjectsOf({ metadata: { actor: author }, data: { authorId: author, title: 'x' } })).toEqual([author.toLowerCase()]);
    expect(subjectsOf({ metadata: { actor: voter }, data: { voterId: voter, featureRequestAuthorId: author } })).toEqual([voter]);
  });

  it('leaves out service actors and values that are not subject ids', () => {
    expect(subjectsOf({ metadata: { actor: 'fraud-detection' }, data: { voterId: voter, reviewerId: '' } })).toEqual([voter]);
    expect(subjectsOf({ metadata: {}, data: { authorId: 42 } })).toEqual([]);
  });

  it('tells whether a subject acted, whatever the case of the id', () => {
    const event = { metadata: {}, data: { editorId: author } };
    expect(subjectActedIn(event, author.toLowerCase())).toBe(true);
    expect(subjectActedIn(event, voter)).toBe(false);
  });

  it('says a subject acted exactly when subjectsOf names them', () => {
    const id = fc.oneof(fc.constantFrom(author, author.toLowerCase(), voter, voter.toUpperCase(), 'fraud-detection', ''), fc.uuid(), fc.string(), fc.integer());
    const fields = fc.dictionary(fc.constantFrom(...ACTING_SUBJECT_FIELDS, 'featureRequestAuthorId', 'title'), id);
    fc.assert(
      fc.property(fc.option(id, { nil: undefined }), fields, fc.constantFrom(author, voter.toUpperCase(), 'not-a-uuid'), (actor, data, subject) => {
        const event = { metadata: actor === undefined ? {} : { actor: actor as string }, data };
        expect(subjectActedIn(event, subject)).toBe(subjectsOf(event).includes(subject.toLowerCase()));
      }),
    );
  });
});
