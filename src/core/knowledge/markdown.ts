/** One block of an article body as Teams shows it: a heading or a paragraph/list of card Markdown. */
export interface BodyBlock {
  readonly heading: boolean;
  /** Markdown in the subset Teams renders in a TextBlock: bold, italic, lists and links. */
  readonly text: string;
}

/**
 * Splits an article body into blocks Teams can render. Headings become bold blocks (TextBlocks do
 * not render `#`), list items stay one per line, soft-wrapped lines of a paragraph are joined.
 */
export function toTeamsBlocks(markdown: string): BodyBlock[] {
  const blocks: BodyBlock[] = [];
  for (const chunk of markdown.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = chunk
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
    if (lines.length === 0) continue;
    const heading = /^#{1,6}\s+(.*)$/.exec(lines[0] ?? '');
    if (heading) {
      blocks.push({ heading: true, text: (heading[1] ?? '').replace(/\*\*/g, '').trim() });
      lines.shift();
      if (lines.length === 0) continue;
    }
    const isItem = (l: string) => /^([-*+]|\d+[.)])\s+/.test(l);
    const out: string[] = [];
    for (const line of lines) {
      const last = out.length - 1;
      // A continuation line joins the paragraph or list item it wraps.
      if (!isItem(line) && last >= 0) out[last] = `${out[last]} ${line}`;
      else out.push(line.replace(/^[*+]\s+/, '- '));
    }
    blocks.push({ heading: false, text: out.join('\n') });
  }
  return blocks;
}

/** Plain text for clients without cards: no Markdown marks, links as "text (url)". */
export function toPlainText(markdown: string): string {
  return markdown
    .replace(/\r\n?/g, '\n')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1 ($2)')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/(^|\s)_([^_]+)_(?=\s|$)/g, '$1$2')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
