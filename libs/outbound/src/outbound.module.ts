import { Global, Module } from '@nestjs/common';
import { AppConfig } from '@claimdesk/config';
import { OutboundFetcher } from './outbound-fetcher';
import { OutboundPolicy } from './outbound-policy';
import { SsrfGuard } from './ssrf-guard';

/** The one OutboundFetcher, guarded by the operator's allow-list from the validated config. */
@Global()
@Module({
  providers: [
    {
      provide: OutboundFetcher,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        new OutboundFetcher(new SsrfGuard(new OutboundPolicy(config.FETCH_ALLOW_HOSTS, config.FETCH_ALLOW_CIDRS)), {
          connectTimeoutMs: config.FETCH_CONNECT_TIMEOUT_MS,
          timeoutMs: config.FETCH_TIMEOUT_MS,
          maxBytes: config.FETCH_MAX_BYTES,
          maxRedirects: 5,
        }),
    },
  ],
  exports: [OutboundFetcher],
})
export class OutboundModule {}
