import { extractHtmlArticle } from './html-article';

const PAGE = `<!doctype html><html lang="fr-FR"><head><title>Le chômage recule | La Gazette</title>
<link rel="canonical" href="/eco/chomage?utm_source=rss">
<meta property="og:site_name" content="La Gazette">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","datePublished":"2025-11-14T07:00:00+01:00"}]}</script>
</head><body><nav>Accueil | Économie | Sport</nav>
<article><h1>Le chômage recule</h1><p class="byline">Par Marie Dupont</p>
<p>Le taux de chômage est tombé à 7,1 % au troisième trimestre, a annoncé l'Insee jeudi, soit 120 000 demandeurs d'emploi de moins.</p>
<p>Le ministre du Travail a salué une « bonne nouvelle » pour 2,3 millions de ménages, tandis que l'opposition dénonce la précarité.</p>
</article><aside>Publicité</aside><footer>Mentions légales</footer></body></html>`;

describe('extractHtmlArticle', () => {
  const a = extractHtmlArticle(PAGE, 'https://gazette.example/page?id=9');

  it('reads the text, one paragraph per block, without navigation and footer', () => {
    expect(a.text.split('\n\n')).toEqual([
      expect.stringMatching(/^Le taux de chômage est tombé à 7,1 %/),
      expect.stringMatching(/^Le ministre du Travail/),
    ]);
    expect(a.text).not.toContain('Mentions légales');
    expect(a.text).not.toContain('Accueil');
  });

  it('reads the metadata: canonical URL, date from JSON-LD, language, site', () => {
    expect(a.canonicalUrl).toBe('https://gazette.example/eco/chomage');
    expect(a.publishedAt?.toISOString()).toBe('2025-11-14T06:00:00.000Z');
    expect(a.language).toBe('fr');
    expect(a.siteName).toBe('La Gazette');
    expect(a.title).toContain('Le chômage recule');
  });

  it('prefers article:published_time and the author meta tag', () => {
    const b = extractHtmlArticle(
      PAGE.replace(
        '<title>',
        '<meta property="article:published_time" content="2024-01-02T03:04:05Z"><meta name="author" content="By Ann Lee"><title>',
      ).replace('<p class="byline">Par Marie Dupont</p>', ''),
    );
    expect(b.publishedAt?.toISOString()).toBe('2024-01-02T03:04:05.000Z');
    expect(b.byline).toBe('Ann Lee');
  });

  it('finds no text in an empty page', () => {
    expect(extractHtmlArticle('<html><body></body></html>').text).toBe('');
  });
});
