import nock from 'nock';
import { afterEach } from 'vitest';

/**
 * The one way tests use nock: for error paths a sandbox cannot easily produce (truncated
 * JSON, an HTML page with 200, a connection reset). Any request without a mock fails, and
 * any mock left unused fails the test.
 */
export function httpMock(baseUrl: string): nock.Scope {
  nock.disableNetConnect();
  nock.enableNetConnect((host) => !host.startsWith(new URL(baseUrl).host) && /^(127\.0\.0\.1|localhost)/.test(host));
  return nock(baseUrl);
}

export function useHttpMocks(): void {
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    nock.enableNetConnect();
    if (pending.length > 0) throw new Error(`unused HTTP mocks: ${pending.join(', ')}`);
  });
}
