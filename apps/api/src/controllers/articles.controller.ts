import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ArticlesService } from '@claimdesk/articles';
import type { Actor } from '@claimdesk/common';
import { CurrentUser } from '../auth/current-user.decorator';
import { SEED_ARTICLE_EXAMPLE } from '../dto/article.examples';
import { BulkArticlesDto, CreateArticleDto, ListArticlesQuery, MAX_BODY_CHARS } from '../dto/article.dto';
import { toDetails, ValidationFailed } from '../http/validation';
import { UuidPipe } from '../http/uuid.pipe';
import { Access, EDITORS } from '../auth/access.decorator';
import { ArticlePageResponse, ArticleResponse, BulkArticlesResponse } from '../dto/article.response';
import { plainArticleBody } from '../dto/article-fast-check';
import { ApiErrors } from '../dto/error.response';

const REVIEWER_NOTE =
  "Least privilege: for a reviewer the answer has no `body` field. Reviewers see an article's metadata, and its text " +
  'only through the claims they hold or held (the `context` of `GET /v1/claims/:id`). `error` of a `failed` ' +
  "article is a generic reason; the details are in the worker's log.";

@ApiTags('articles')
@Controller('v1/articles')
export class ArticlesController {
  constructor(private readonly articles: ArticlesService) {}

  /**
   * JSON (`body`, `html`, or `url` alone), or the raw article as text/plain. 201 when new, 202 for a URL to fetch,
   * 200 with the existing article when it is a repeat.
   */
  @Post()
  @ApiConsumes('application/json', 'text/plain')
  @ApiBody({ type: CreateArticleDto, examples: { seed: { summary: 'the seed article', value: SEED_ARTICLE_EXAMPLE } } })
  @Access(EDITORS)
  @ApiCreatedResponse({ type: ArticleResponse, description: 'a new article, received for extraction' })
  @ApiAcceptedResponse({ type: ArticleResponse, description: 'a URL to fetch: the article, status `fetching`' })
  @ApiOkResponse({ type: ArticleResponse, description: 'a repeat: the article already stored' })
  @ApiErrors(400, 413, 415)
  async create(
    @Body() body: unknown,
    @Req() req: FastifyRequest,
    @CurrentUser() actor: Actor,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<ArticleResponse> {
    if ((req.headers['content-type'] ?? '').toLowerCase().startsWith('text/plain')) {
      const result = await this.articles.ingestRaw(rawText(body), actor);
      res.status(result.created ? 201 : 200);
      return result.article;
    }
    const dto = await validated(body);
    const { body: text, html, url, ...rest } = dto;
    if (text !== undefined) {
      const result = await this.articles.ingest({ ...rest, url, body: text }, actor);
      res.status(result.created ? 201 : 200);
      return result.article;
    }
    if (html !== undefined) {
      const result = await this.articles.ingestHtml({ ...rest, url, html }, actor);
      res.status(result.created ? 201 : 200);
      return result.article;
    }
    const result = await this.articles.ingestUrl({ ...rest, url: url! }, actor);
    res.status(result.created ? 202 : 200);
    return result.article;
  }

  @Post('bulk')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Many articles in one request',
    description:
      'Each item is created, a duplicate of a stored article, or invalid (with the reason); new ones are queued for extraction.',
  })
  @Access(EDITORS)
  @ApiOkResponse({ type: BulkArticlesResponse })
  @ApiErrors(400, 413)
  bulk(@Body() dto: BulkArticlesDto, @CurrentUser() actor: Actor): Promise<BulkArticlesResponse> {
    return this.articles.ingestBulk(dto.items, actor);
  }

  @Get()
  @ApiOperation({
    summary: 'List articles',
    description: `${REVIEWER_NOTE} The same holds for every item of this list.`,
  })
  @Access('authenticated')
  @ApiOkResponse({ type: ArticlePageResponse })
  @ApiErrors(400)
  list(@Query() q: ListArticlesQuery, @CurrentUser() actor: Actor): Promise<ArticlePageResponse> {
    return this.articles.list(q.limit, q.cursor, q.status, actor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One article', description: REVIEWER_NOTE })
  @Access('authenticated')
  @ApiOkResponse({ type: ArticleResponse })
  @ApiErrors(400, 404)
  get(@Param('id', UuidPipe) id: string, @CurrentUser() actor: Actor): Promise<ArticleResponse> {
    return this.articles.get(id, actor);
  }
}

function rawText(body: unknown): string {
  if (typeof body !== 'string' || !body.trim()) {
    throw new ValidationFailed([{ field: 'body', message: 'body must be the non-empty text of an article' }]);
  }
  if (body.length > MAX_BODY_CHARS) {
    throw new ValidationFailed([{ field: 'body', message: `body must be at most ${MAX_BODY_CHARS} characters` }]);
  }
  return body;
}

/** The JSON branch is validated here because the parameter is a union of text and JSON. */
async function validated(body: unknown): Promise<CreateArticleDto> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadRequestException('the body must be a JSON object or text/plain');
  }
  const plain = plainArticleBody(body as Record<string, unknown>);
  if (plain) return plain;
  const dto = plainToInstance(CreateArticleDto, body);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw new ValidationFailed(toDetails(errors));
  if (dto.body !== undefined && dto.html !== undefined) {
    throw new ValidationFailed([{ field: 'html', message: 'give body or html, not both' }]);
  }
  if (dto.body === undefined && dto.html === undefined && dto.url === undefined) {
    throw new ValidationFailed([{ field: 'body', message: 'body, html or url is required' }]);
  }
  return dto;
}
