import { canonicalUrl } from './canonical-url';

describe('canonicalUrl', () => {
  it.each([
    ['https://News.Example.org:443/a/b?utm_source=x&utm_medium=y&id=3#top', 'https://news.example.org/a/b?id=3'],
    ['http://example.org:80/a?fbclid=1&gclid=2&msclkid=3', 'http://example.org/a'],
    ['https://example.org/a?id=3&mc_cid=z&page=2', 'https://example.org/a?id=3&page=2'],
    ['https://example.org/a?UTM_Campaign=feed', 'https://example.org/a'],
  ])('%s -> %s', (input, expected) => {
    expect(canonicalUrl(input)).toBe(expected);
  });

  it('resolves a relative canonical link against the page', () => {
    expect(canonicalUrl('/news/x?utm_term=a', 'https://example.org/page?id=1')).toBe('https://example.org/news/x');
  });

  it.each(['ftp://example.org/', 'javascript:alert(1)', 'not a url', ''])('refuses %j', (input) => {
    expect(canonicalUrl(input)).toBeNull();
  });
});
