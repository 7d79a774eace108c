import { AuthController } from './auth.controller';
import { ArticlesController } from './articles.controller';
import { BulkController } from './bulk.controller';
import { ClaimsController } from './claims.controller';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { SourcesController } from './sources.controller';
import { ClaimsExportController } from './claims-export.controller';
import { StatsController } from './stats.controller';
import { SearchController } from './search.controller';
import { UsersController } from './users.controller';
import { VerdictsController } from './verdicts.controller';
import { WebhooksController } from './webhooks.controller';
import { ClaimReviewsController } from './claimreviews.controller';

/** Every controller the api serves; the module and the route-role table both read this list. */
export const API_CONTROLLERS = [
  HealthController,
  AuthController,
  MetricsController,
  UsersController,
  ArticlesController,
  BulkController,
  SourcesController,
  ClaimsController,
  VerdictsController,
  ClaimReviewsController,
  WebhooksController,
  SearchController,
  StatsController,
  ClaimsExportController,
];
