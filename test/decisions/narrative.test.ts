import { describe, expect, test } from 'vitest';
import { narrativeHtml, narrativeMd, narrativeParagraphs } from '../../src/render/narrative.js';

const T = `NEACAP's *Science and Policy* Committee met <script>alert(1)</script> for the **eighth** time.

- one [link](https://x.org) and [bad](javascript:alert(1))
- two <b>bold</b> & more

<div onclick="x">raw block</div>

![img](https://evil.example/x.png) 1 < 2`;

describe('narratives rendered safely', () => {
  test('html: Markdown becomes HTML; raw HTML is text; only web and mail links; images are links', () => {
    const h = narrativeHtml(T);
    expect(h).toContain('<em>Science and Policy</em>');
    expect(h).toContain('<strong>eighth</strong>');
    expect(h).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(h).not.toMatch(/<script|<div|<b>|onclick="x">/);
    expect(h).toContain('&lt;div onclick=&quot;x&quot;&gt;raw block&lt;/div&gt;');
    expect(h).toContain('<a href="https://x.org">link</a>');
    expect(h).not.toContain('javascript:');
    expect(h).not.toContain('<img');
    expect(h).toContain('<a href="https://evil.example/x.png">img</a>');
    expect(h).toContain('<li>');
  });

  test('md: the Markdown as written, raw HTML escaped', () => {
    const m = narrativeMd(T);
    expect(m).toContain(
      "NEACAP's *Science and Policy* Committee met &lt;script&gt;alert(1)&lt;/script&gt; for the **eighth** time.",
    );
    expect(m).toContain('- two &lt;b&gt;bold&lt;/b&gt; & more');
    expect(m).toContain('&lt;div onclick="x"&gt;raw block&lt;/div&gt;');
    expect(m).not.toMatch(/<(script|b|div)/);
    // Unsafe link targets keep their words; an image becomes a link (nothing is fetched).
    expect(m).toContain('- one [link](https://x.org) and bad\n');
    expect(m).toContain('[img](https://evil.example/x.png) 1 < 2');
  });

  test('text: paragraphs and list items, markers dropped, links spelt out', () => {
    expect(narrativeParagraphs(T)).toEqual([
      "NEACAP's Science and Policy Committee met <script>alert(1)</script> for the eighth time.",
      '• one link (https://x.org) and bad (javascript:alert(1))',
      '• two <b>bold</b> & more',
      '<div onclick="x">raw block</div>',
      'img (https://evil.example/x.png) 1 < 2',
    ]);
  });
});

test('text: a terminal escape sequence in a narrative is removed', () => {
  expect(narrativeParagraphs('red \u001b[31mtext\u001b[0m here')).toEqual(['red [31mtext[0m here']);
});
