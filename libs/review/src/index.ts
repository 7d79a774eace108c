export * from './assignment.entity';
export * from './verdict.entity';
export * from './assignment.service';
export * from './verdict.service';
export * from './claim-detail.service';
export * from './claim-review';
export * from './review.module';
export * from './reviewer-admin.service';
