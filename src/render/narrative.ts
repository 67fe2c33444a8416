import { Lexer, Marked, type Token, type Tokens } from 'marked';

/**
 * A narrative's Markdown, made safe for each output: Markdown with raw HTML neutralised, HTML with
 * raw HTML escaped and only web and mail links kept, and plain paragraphs for the terminal.
 * `marked` (well kept, no dependencies, bundled) parses; nothing is fetched, images become links.
 */

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Links a report may carry: http(s), mailto and in-page anchors; anything else (javascript:, data:) is dropped. */
function safeHref(href: string): string | null {
  const h = href.trim();
  return /^(https?:|mailto:|#)/i.test(h) ? h : null;
}

const toHtml = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(token.text);
    },
    link(this: { parser: { parseInline(t: Token[]): string } }, token: Tokens.Link) {
      const inner = this.parser.parseInline(token.tokens);
      const href = safeHref(token.href);
      if (href === null) return inner;
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
      return `<a href="${escapeHtml(href)}"${title}>${inner}</a>`;
    },
    image(token: Tokens.Image) {
      // Nothing is fetched when the report opens: an image is shown as a link to it.
      const href = safeHref(token.href);
      const alt = escapeHtml(token.text || token.href);
      return href === null ? alt : `<a href="${escapeHtml(href)}">${alt}</a>`;
    },
  },
});

/** The narrative as an HTML fragment: raw HTML in the text is shown as text, never run. */
export function narrativeHtml(markdown: string): string {
  return toHtml.parse(markdown, { async: false }) as string;
}

/** The narrative as Markdown to embed in the Markdown report: raw HTML escaped, the rest as written. */
export function narrativeMd(markdown: string): string {
  const tokens = Lexer.lex(markdown, { gfm: true });
  return `${rewrite(tokens).trim()}\n`;
}

function rewrite(tokens: Token[]): string {
  let out = '';
  for (const t of tokens) {
    if (t.type === 'html') out += (t as Tokens.HTML).raw.replace(/</g, '&lt;').replace(/>/g, '&gt;');
    else if (t.type === 'link' && safeHref((t as Tokens.Link).href) === null) {
      // A link to javascript: or data: keeps its words only.
      out += rewrite((t as Tokens.Link).tokens);
    } else if (t.type === 'image') {
      // Nothing is fetched when the report is read: an image becomes a link to it.
      const i = t as Tokens.Image;
      out += safeHref(i.href) === null ? i.text : `[${i.text || i.href}](${i.href})`;
    } else if ('tokens' in t && Array.isArray(t.tokens) && t.type !== 'code' && t.type !== 'codespan') {
      // Rebuild from the children so that inline HTML inside a paragraph is caught too.
      out += sameRaw(t, rewrite(t.tokens));
    } else if (t.type === 'list') {
      out += (t as Tokens.List).items.reduce((s, item) => s + sameRaw(item, rewrite(item.tokens)), '');
    } else out += t.raw;
  }
  return out;
}

/** A token's raw text with its children's raw text replaced by `inner` (keeps its own markers). */
function sameRaw(t: Token, inner: string): string {
  const children = ('tokens' in t && Array.isArray(t.tokens) ? t.tokens : []) as Token[];
  const original = children.map((c) => c.raw).join('');
  const at = original ? t.raw.indexOf(original) : -1;
  if (at < 0) return t.raw.replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return t.raw.slice(0, at) + inner + t.raw.slice(at + original.length);
}

/**
 * The narrative as plain paragraphs for the terminal: one string per paragraph or list item
 * (items start "• "), emphasis markers dropped, a link as "text (url)". The caller wraps them.
 */
export function narrativeParagraphs(markdown: string): string[] {
  const out: string[] = [];
  const walk = (tokens: Token[]) => {
    for (const t of tokens) {
      if (t.type === 'list') {
        for (const item of (t as Tokens.List).items)
          out.push(`• ${plain(item.tokens).replace(/\s+/g, ' ').trim()}`);
      } else if (t.type === 'space' || t.type === 'hr') {
      } else if (
        t.type === 'heading' ||
        t.type === 'paragraph' ||
        t.type === 'text' ||
        t.type === 'blockquote'
      ) {
        const text = 'tokens' in t && Array.isArray(t.tokens) ? plain(t.tokens as Token[]) : t.raw;
        out.push(text.replace(/\s+/g, ' ').trim());
      } else out.push(t.raw.trim());
    }
  };
  walk(Lexer.lex(markdown, { gfm: true }));
  // Control characters (an escape sequence pasted into the YAML) must not reach the terminal.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  return out.map((p) => p.replace(/[\u0000-\u001f\u007f-\u009f]/g, '')).filter((p) => p !== '');
}

function plain(tokens: Token[]): string {
  return tokens
    .map((t) => {
      if (t.type === 'link') {
        const l = t as Tokens.Link;
        const text = plain(l.tokens);
        return text === l.href ? text : `${text} (${l.href})`;
      }
      if (t.type === 'image') {
        const i = t as Tokens.Image;
        return `${i.text || i.href} (${i.href})`;
      }
      if (t.type === 'codespan') return (t as Tokens.Codespan).text;
      if (t.type === 'br') return ' ';
      if ('tokens' in t && Array.isArray(t.tokens)) return plain(t.tokens as Token[]);
      if (t.type === 'list') return (t as Tokens.List).items.map((i) => plain(i.tokens)).join(' ');
      return 'text' in t && typeof t.text === 'string' ? decode(t.text) : t.raw;
    })
    .join('');
}

/** marked escapes &, <, >, " and ' in text tokens; the terminal shows the characters. */
function decode(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
