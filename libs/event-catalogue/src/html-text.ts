const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text or attribute value: nothing in it can open a tag, end an attribute or start an entity. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] as string);
}

/** Escaped text with its `code spans` (CommonMark backticks) set as <code>: the one piece of markup the catalogue's prose uses. */
export function proseHtml(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, (_, code: string) => `<code>${code}</code>`);
}

/** Paragraphs (blank-line separated) of prose; lines starting with "- " become a list. */
export function paragraphsHtml(text: string): string {
  const blocks = text.split(/\n\s*\n/).map((block) => block.trim()).filter(Boolean);
  const html: string[] = [];
  let items: string[] = [];
  const closeList = () => {
    if (items.length > 0) html.push(`<ul>${items.join('')}</ul>`);
    items = [];
  };
  for (const block of blocks) {
    if (block.startsWith('- ')) {
      items.push(`<li>${proseHtml(block.slice(2))}</li>`);
    } else {
      closeList();
      html.push(`<p>${proseHtml(block)}</p>`);
    }
  }
  closeList();
  return html.join('\n');
}

/** An id attribute's value for a name: letters, digits, `.`, `-` and `_` kept, the rest `_`. */
export function anchorOf(kind: string, name: string): string {
  return `${kind}-${name.replace(/[^A-Za-z0-9._-]/g, '_')}`;
}
