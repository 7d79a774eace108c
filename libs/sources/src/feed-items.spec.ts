import { looksLikeHtml, parseFeedItems, plainLength } from './feed-items';

const RSS = `<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Gazette</title>
<item><title>Jobs &amp; wages</title><link>http://127.0.0.1:8088/a</link><guid isPermaLink="false">a-1</guid>
<description>Short summary.</description><content:encoded><![CDATA[<p>The full <b>text</b>.</p>]]></content:encoded>
<pubDate>Tue, 04 Nov 2025 08:30:00 GMT</pubDate></item>
<item><title>No guid</title><link>http://127.0.0.1:8088/b</link></item>
<item><title>Neither</title><description>Only text.</description></item>
</channel></rss>`;

const ATOM = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Gazette</title>
<id>urn:feed</id><updated>2025-11-04T00:00:00Z</updated>
<entry><id>urn:e1</id><title type="text">Entry one</title><link rel="alternate" href="http://127.0.0.1:8088/e1"/>
<published>2025-11-03T10:00:00Z</published><updated>2025-11-04T00:00:00Z</updated>
<summary>The summary.</summary><content type="html">&lt;p&gt;The content.&lt;/p&gt;</content></entry>
</feed>`;

describe(parseFeedItems.name, () => {
  it('reads RSS: guid, link, the fullest content, the date; a missing guid falls back to the link, then a hash', () => {
    const feed = parseFeedItems(RSS);
    expect(feed).toMatchObject({ format: 'rss', title: 'Gazette' });
    expect(feed.items[0]).toEqual({
      guid: 'a-1',
      link: 'http://127.0.0.1:8088/a',
      title: 'Jobs & wages',
      content: '<p>The full <b>text</b>.</p>',
      publishedAt: '2025-11-04T08:30:00.000Z',
    });
    expect(feed.items[1].guid).toBe('http://127.0.0.1:8088/b');
    expect(feed.items[2].guid).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(parseFeedItems(RSS).items[2].guid).toBe(feed.items[2].guid); // stable across polls
  });

  it('reads Atom: id, the alternate link, content before summary, published date', () => {
    const feed = parseFeedItems(ATOM);
    expect(feed).toMatchObject({ format: 'atom', title: 'Atom Gazette' });
    expect(feed.items).toEqual([
      {
        guid: 'urn:e1',
        link: 'http://127.0.0.1:8088/e1',
        title: 'Entry one',
        content: '<p>The content.</p>',
        publishedAt: '2025-11-03T10:00:00.000Z',
      },
    ]);
  });

  it('throws on a page that is not a feed', () => {
    expect(() => parseFeedItems('<html><body>hello</body></html>')).toThrow();
  });
});

describe('item text', () => {
  it('tells HTML from text and measures text without tags', () => {
    expect(looksLikeHtml('<p>a</p>')).toBe(true);
    expect(looksLikeHtml('3 < 4 and 5 > 2')).toBe(false);
    expect(plainLength('<p>ab</p>\n<p>cd</p>')).toBe(5);
  });
});
