import { ExternalHyperlink, Paragraph, type ParagraphChild, TextRun } from 'docx';
import { Lexer, type Token, type Tokens } from 'marked';
import { pushAll } from '../core/arrays.js';

/**
 * A narrative's Markdown as Word paragraphs: paragraphs and headings as paragraphs, list items as
 * bullets, **strong**, _emphasis_ and `code` as run formatting, web and mail links as hyperlinks.
 * Raw HTML is shown as text, never interpreted; an image becomes a link to it (nothing is fetched).
 */

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  code?: boolean;
}

function safeHref(href: string): string | null {
  const h = href.trim();
  return /^(https?:|mailto:)/i.test(h) ? h : null;
}

/** marked escapes &, <, >, " and ' in text tokens; Word shows the characters. */
function decode(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function run(text: string, style: RunStyle): TextRun {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters cannot be written to the XML
  const clean = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '');
  return new TextRun({
    text: clean,
    bold: style.bold,
    italics: style.italics,
    font: style.code ? 'Consolas' : undefined,
  });
}

function inline(tokens: readonly Token[], style: RunStyle = {}): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const t of tokens) {
    switch (t.type) {
      case 'strong':
        pushAll(out, inline((t as Tokens.Strong).tokens, { ...style, bold: true }));
        break;
      case 'em':
        pushAll(out, inline((t as Tokens.Em).tokens, { ...style, italics: true }));
        break;
      case 'codespan':
        out.push(run(decode((t as Tokens.Codespan).text), { ...style, code: true }));
        break;
      case 'br':
        out.push(new TextRun({ text: '', break: 1 }));
        break;
      case 'link': {
        const l = t as Tokens.Link;
        const href = safeHref(l.href);
        const children = inline(l.tokens, style).filter((c): c is TextRun => c instanceof TextRun);
        if (href === null) pushAll(out, children);
        else
          out.push(
            new ExternalHyperlink({ link: href, children: children.length ? children : [run(href, style)] }),
          );
        break;
      }
      case 'image': {
        const i = t as Tokens.Image;
        const href = safeHref(i.href);
        const label = run(i.text || i.href, style);
        out.push(href === null ? label : new ExternalHyperlink({ link: href, children: [label] }));
        break;
      }
      case 'html':
        out.push(run((t as Tokens.HTML).raw, style));
        break;
      default:
        if ('tokens' in t && Array.isArray(t.tokens)) pushAll(out, inline(t.tokens as Token[], style));
        else out.push(run(decode('text' in t && typeof t.text === 'string' ? t.text : t.raw), style));
    }
  }
  return out;
}

/** The narrative's paragraphs, indented a little under what it is about. */
export function narrativeDocx(markdown: string): Paragraph[] {
  const out: Paragraph[] = [];
  const indent = { left: 240 };
  for (const t of Lexer.lex(markdown, { gfm: true })) {
    if (t.type === 'space' || t.type === 'hr') continue;
    if (t.type === 'list') {
      for (const item of (t as Tokens.List).items) {
        out.push(new Paragraph({ bullet: { level: 0 }, children: inline(item.tokens), indent }));
      }
    } else if ('tokens' in t && Array.isArray(t.tokens)) {
      out.push(new Paragraph({ children: inline(t.tokens as Token[]), indent, spacing: { after: 80 } }));
    } else {
      out.push(new Paragraph({ children: [run(t.raw.trim(), {})], indent, spacing: { after: 80 } }));
    }
  }
  return out;
}
