import { newRequestId } from './new-request-id';

const STORAGE_KEY = 'frm.deviceId';

/**
 * A random id for this browser, kept across visits and sign-ins: fraud detection recognises
 * several accounts voting from one device by it (voting keeps only a keyed hash). It says nothing
 * about the person or the machine.
 */
export function deviceId(): string | undefined {
  try {
    let id = localStorage.getItem(STORAGE_KEY);
    if (id === null) {
      id = newRequestId();
      localStorage.setItem(STORAGE_KEY, id);
    }
    return id;
  } catch {
    // Storage disabled by privacy settings: calls go without one.
    return undefined;
  }
}
