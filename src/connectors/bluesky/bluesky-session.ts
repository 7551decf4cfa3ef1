import type { HttpClient } from '../http/http-client.js';
import { isObject } from '../http/item-checks.js';
import { wrongShape } from '../http/shape.js';

/** Access tokens of a PDS session last about two hours; a new session is made well before that. */
const SESSION_LIFETIME_MS = 90 * 60_000;

/**
 * An app-password session: `com.atproto.server.createSession` with `{identifier, password}` returns
 * `accessJwt`, sent as a bearer token. Kept in memory only.
 */
export class BlueskySession {
  private session: { jwt: string; expiresAt: number } | null = null;

  constructor(
    private readonly client: HttpClient,
    private readonly serviceUrl: string,
    private readonly identifier: string,
    private readonly appPassword: string,
  ) {}

  async accessJwt(now: Date, signal?: AbortSignal): Promise<string> {
    if (this.session && this.session.expiresAt > now.getTime()) return this.session.jwt;
    const url = `${this.serviceUrl.replace(/\/$/, '')}/xrpc/com.atproto.server.createSession`;
    const response = await this.client.getJson({
      url,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: this.identifier, password: this.appPassword }),
      signal,
    });
    const body = response.body;
    if (!isObject(body) || typeof body['accessJwt'] !== 'string') {
      throw wrongShape(this.client, url, 'createSession answered without accessJwt');
    }
    this.session = { jwt: body['accessJwt'], expiresAt: now.getTime() + SESSION_LIFETIME_MS };
    return this.session.jwt;
  }
}
