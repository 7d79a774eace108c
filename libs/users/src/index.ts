export * from './user.entity';
export * from './user.views';
export * from './users.service';
export * from './users.module';
export * from './token';
export * from './reviewer-pool.service';
export * from './auth-cache';
