const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPED: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * A value as one field of `COPY … FROM STDIN`'s text format: backslashes, tabs, newlines and
 * carriage returns escaped, so that the value cannot end its field or its row and reads back as it
 * was. (`\N`, the format's null, never comes out of it: its backslash is doubled.)
 */
export function copyTextField(value: string): string {
  return SPECIAL.test(value) ? value.replace(SPECIALS, (character) => ESCAPED[character] as string) : value;
}
