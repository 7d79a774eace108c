import { STATUS_CODES } from 'node:http';
import type { ErrorDetail } from '@claimdesk/common';

/** The one error shape of API.md, with the request id so a report can be matched to the logs. */
export function errorBody(statusCode: number, message: string, details: ErrorDetail[] = [], requestId?: string) {
  return {
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    message,
    details,
    ...(requestId ? { requestId } : {}),
  };
}
