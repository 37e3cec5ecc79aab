import { textHashOf } from './similar-request-finder';

describe('textHashOf', () => {
  it('is the read model’s text_hash: md5 of the title, a newline and the description, as Postgres computes it', () => {
    // Both from Postgres: select md5(title || chr(10) || description).
    expect(textHashOf({ title: 'Dark mode', description: '' })).toBe('84890ba4578095cd8d14ad7643dbc9d3');
    expect(textHashOf({ title: 'Café menü', description: 'Naïve ☕ words' })).toBe('6a861208fd1bf4153b7aebdfa5b2b7b8');
  });
});
