/**
 * Replaces the password in `scheme://user:password@host…` with `***`, and leaves any other text
 * alone. The user info is taken to end at the last `@` of the whole text, so a password holding an
 * unencoded `@`, `/` or `?` is still hidden whole: masking too much is harmless, too little is not.
 */
export function hideUrlPassword(text: string): string {
  const schemeEnd = text.indexOf('://');
  if (schemeEnd < 0 || !/^[a-z][a-z0-9+.-]*$/i.test(text.slice(0, schemeEnd))) return text;
  const userInfoStart = schemeEnd + 3;
  const userInfoEnd = text.lastIndexOf('@');
  if (userInfoEnd < userInfoStart) return text;
  const passwordStart = text.indexOf(':', userInfoStart);
  if (passwordStart < 0 || passwordStart > userInfoEnd) return text;
  return `${text.slice(0, passwordStart + 1)}***${text.slice(userInfoEnd)}`;
}
