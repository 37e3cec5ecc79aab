import { copyTextField } from './copy-text-field';

describe('copyTextField', () => {
  it('leaves a value without special characters as it is', () => {
    expect(copyTextField('{"title":"Seating plan","n":1}')).toBe('{"title":"Seating plan","n":1}');
  });

  it('escapes what would end a field or a row, and the escape character itself', () => {
    expect(copyTextField('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    // JSON's own escapes keep their backslash through COPY.
    expect(copyTextField('{"q":"say \\"yes\\""}')).toBe('{"q":"say \\\\"yes\\\\""}');
  });

  it('never writes the format\'s null marker', () => {
    expect(copyTextField('\\N')).toBe('\\\\N');
  });
});
