const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

/** Names are flat and harmless as file names and object keys alike: no folders, no `..`, no hidden files. */
export function assertBackupFileName(name: string): void {
  if (!SAFE_NAME.test(name) || name.includes('..')) {
    throw new RangeError(`"${name}" is not a backup file name: use letters, digits, '.', '_' and '-', starting with a letter or digit`);
  }
}
