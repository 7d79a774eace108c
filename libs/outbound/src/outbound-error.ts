/** Why an outbound fetch did not give a usable answer; `message` is safe to show through the API. */
export type OutboundErrorCode =
  | 'bad-url'
  | 'refused'
  | 'dns'
  | 'connect-timeout'
  | 'timeout'
  | 'too-large'
  | 'http-status'
  | 'content-type'
  | 'too-many-redirects'
  | 'network';

export class OutboundError extends Error {
  constructor(
    readonly code: OutboundErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'OutboundError';
  }
}
