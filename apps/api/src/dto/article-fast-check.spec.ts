import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CreateArticleDto } from './article.dto';
import { plainArticleBody } from './article-fast-check';

const passesClassValidator = async (body: object) =>
  (await validate(plainToInstance(CreateArticleDto, body), { whitelist: true, forbidNonWhitelisted: true })).length ===
  0;

describe('plainArticleBody', () => {
  it('takes the usual upload, as the DTO class-validator would have built', async () => {
    const body = {
      body: 'Prices rose 3 percent.',
      title: '',
      source: 'Wire',
      topic: 'economy',
      language: 'en',
      publishedAt: '2024-05-01T10:00:00Z',
    };
    const dto = plainArticleBody(body);
    expect(dto).toBeInstanceOf(CreateArticleDto);
    expect(dto).toEqual(plainToInstance(CreateArticleDto, body));
    expect(await passesClassValidator(body)).toBe(true);
  });

  it('leaves everything else to class-validator, never accepting what it refuses', async () => {
    const others: Record<string, unknown>[] = [
      { body: '' },
      { body: 'x'.repeat(200_001) },
      { body: 'text', url: 'https://example.org/a' },
      { body: 'text', html: '<p>x</p>' },
      { body: 'text', title: null },
      { body: 'text', title: 7 },
      { body: 'text', topic: '' },
      { body: 'text', language: 'eng' },
      { body: 'text', publishedAt: '2024-13-01' },
      { body: 'text', extra: 'field' },
      { body: ['text'] },
      { url: 'https://example.org/a' },
    ];
    for (const body of others) {
      expect(plainArticleBody(body)).toBeNull();
    }
    // The refused ones that class-validator accepts only go the slow way (url, html, null title, a URL alone).
    expect(await Promise.all(others.map(passesClassValidator))).toEqual([
      false,
      false,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
  });
});
