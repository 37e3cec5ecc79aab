import { fieldAssociatedData, type FieldBinding } from '../format/encrypted-field';

/**
 * The associated data of the binding asked for last, kept for the next field: the fields read one
 * after another (a stream's comments, a page of events) mostly share their subject, key, stream
 * and field name, and so the same bytes.
 */
export class RecentAssociatedData {
  private last: { readonly binding: FieldBinding; readonly bytes: Buffer } | undefined;

  of(binding: FieldBinding): Buffer {
    const last = this.last;
    if (
      last !== undefined &&
      last.binding.field === binding.field &&
      last.binding.streamId === binding.streamId &&
      last.binding.keyId === binding.keyId &&
      last.binding.subjectId === binding.subjectId
    ) {
      return last.bytes;
    }
    const bytes = fieldAssociatedData(binding);
    this.last = { binding: { subjectId: binding.subjectId, keyId: binding.keyId, streamId: binding.streamId, field: binding.field }, bytes };
    return bytes;
  }
}
