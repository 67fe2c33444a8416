import { describe, expect, test } from 'vitest';
import { escapeAttribute, escapeText, XmlWriter, xmlChars } from '../../src/export/xml-writer.js';
import { kid, parseXml } from './iati-xml.js';

/** The IATI file's XML writer: escaping by hand-written expectations, and read back by an independent parser. */

describe('XmlWriter', () => {
  test('escapes text and attribute values; tabs and line breaks in attributes survive a parser', () => {
    expect(escapeText('a < b & c > d "q" \'s\'')).toBe('a &lt; b &amp; c &gt; d "q" \'s\'');
    expect(escapeAttribute('say "hi"\tand\nbye\r<&>')).toBe(
      'say &quot;hi&quot;&#9;and&#10;bye&#13;&lt;&amp;&gt;',
    );
    const w = new XmlWriter();
    w.open('root', { a: 'x "y"\n\tz', gone: undefined });
    w.text('t', {}, 'A & B ]]> <c/>');
    w.empty('e', { v: '1' });
    w.close();
    const xml = w.end();
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<root a="x &quot;y&quot;&#10;&#9;z">\n  <t>A &amp; B ]]&gt; &lt;c/&gt;</t>\n  <e v="1"/>\n</root>\n',
    );
    const root = kid(parseXml(xml), 'root');
    expect(root.getAttribute('a')).toBe('x "y"\n\tz');
    expect(root.getAttribute('gone')).toBeNull();
    expect(kid(root, 't').textContent).toBe('A & B ]]> <c/>');
  });

  test('characters XML 1.0 cannot carry become U+FFFD; others, astral ones included, stay', () => {
    expect(xmlChars('a\u0000b\u0007c\u001Fd\uFFFEe\uD800f')).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf');
    expect(xmlChars('tab\tline\nret\r é 中 😀 \uE000')).toBe('tab\tline\nret\r é 中 😀 \uE000');
  });

  test('a comment cannot end early; closing what is not open, or leaving an element open, is an error', () => {
    const w = new XmlWriter();
    w.comment(' a -- b ');
    w.empty('x');
    expect(w.end()).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<!-- a - - b -->\n<x/>\n');
    expect(() => new XmlWriter().close()).toThrow('close without open');
    const open = new XmlWriter();
    open.open('a');
    open.open('b');
    expect(() => open.end()).toThrow('<a>, <b> left open');
  });
});
