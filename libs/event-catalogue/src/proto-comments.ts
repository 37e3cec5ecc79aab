import path from 'node:path';
import { Enum, Namespace, Root, Type, type ReflectionObject } from 'protobufjs';

/**
 * The comments of .proto files by full name: a message or enum (`frm.events.v1.VoteCast`), a field
 * (`frm.events.v1.VoteCast.vote_id`) or an enum value (`frm.events.v1.VoteHold.VOTE_HOLD_NONE`).
 */
export type ProtoComments = ReadonlyMap<string, string>;

/**
 * Reads the comments written above each definition in `files` (relative to `protoRoot`) and in what
 * they import. The descriptor image the services use is built without source info, so the comments
 * come from the .proto text, which every service reads at run time anyway.
 */
export function readProtoComments(protoRoot: string, files: readonly string[]): ProtoComments {
  const root = new Root();
  root.resolvePath = (_origin, target) => path.resolve(protoRoot, target);
  root.loadSync([...files], { keepCase: true, alternateCommentMode: true });
  const comments = new Map<string, string>();
  collect(root, comments);
  return comments;
}

function collect(object: ReflectionObject, comments: Map<string, string>): void {
  const name = object.fullName.replace(/^\./, '');
  note(comments, name, object.comment);
  if (object instanceof Type) {
    for (const field of object.fieldsArray) note(comments, `${name}.${field.name}`, field.comment);
  }
  if (object instanceof Enum) {
    for (const [value, comment] of Object.entries(object.comments)) note(comments, `${name}.${value}`, comment);
  }
  if (object instanceof Namespace) {
    for (const nested of object.nestedArray) collect(nested, comments);
  }
}

function note(comments: Map<string, string>, name: string, comment: string | null | undefined): void {
  const text = comment ? asProse(comment) : '';
  if (text) comments.set(name, text);
}

/** Wrapped comment lines joined into sentences; blank lines stay paragraph breaks. */
function asProse(comment: string): string {
  return comment
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}
