export * from './article.entity';
export * from './article.views';
export * from './articles.service';
export * from './articles.module';
export * from './raw-article.parser';
export * from './canonical-url';
export * from './html-article';
export * from './article-input';
