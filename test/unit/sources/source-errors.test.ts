import { describe, expect, it } from 'vitest';
import { RateLimitedError } from '../../../src/connectors/errors/rate-limited-error.js';
import { MalformedPageError } from '../../../src/connectors/http/errors/malformed-page-error.js';
import { MissingCredentialsError } from '../../../src/connectors/http/errors/missing-credentials-error.js';
import { UpstreamError } from '../../../src/connectors/http/errors/upstream-error.js';
import { unrecoverableSourceError } from '../../../src/pipeline/collect/source-errors.js';
import { UnrecoverableStageError } from '../../../src/pipeline/stage.js';

describe('unrecoverableSourceError', () => {
  it('turns answers that can never succeed into unrecoverable stage errors', () => {
    const refused = unrecoverableSourceError(new UpstreamError('x', 'https://api.x.com/2', 401, 'Unauthorized'));
    expect(refused).toBeInstanceOf(UnrecoverableStageError);
    expect(refused).toMatchObject({ code: 'request_rejected', message: expect.stringMatching(/^x: HTTP 401/) });
    expect(unrecoverableSourceError(new MissingCredentialsError('x', 'bearerToken'))).toMatchObject({
      code: 'missing_credentials',
    });
  });

  it('leaves retryable failures to the queue', () => {
    expect(unrecoverableSourceError(new UpstreamError('x', 'u', 503, 'down'))).toBeNull();
    expect(unrecoverableSourceError(new UpstreamError('x', 'u', 0, 'ECONNRESET'))).toBeNull();
    expect(unrecoverableSourceError(new MalformedPageError('x', 'invalid_json', 'u', 'bad'))).toBeNull();
    expect(unrecoverableSourceError(new RateLimitedError('x', 1000))).toBeNull();
    expect(unrecoverableSourceError(new Error('plain'))).toBeNull();
    expect(unrecoverableSourceError('not an error')).toBeNull();
  });
});
