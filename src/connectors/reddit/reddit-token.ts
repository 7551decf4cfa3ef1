import type { HttpClient } from '../http/http-client.js';
import { isObject } from '../http/item-checks.js';
import { wrongShape } from '../http/shape.js';

/**
 * Application-only OAuth (client credentials grant): POST the token endpoint with HTTP Basic
 * client id:secret and `grant_type=client_credentials`; the bearer token lasts `expires_in` seconds.
 * It is kept in memory only and renewed a minute before it expires.
 */
export class RedditToken {
  private token: { value: string; expiresAt: number } | null = null;

  constructor(
    private readonly client: HttpClient,
    private readonly tokenUrl: string,
    private readonly clientId: string,
    private readonly clientSecret: string,
  ) {}

  async bearer(now: Date, signal?: AbortSignal): Promise<string> {
    if (this.token && this.token.expiresAt > now.getTime()) return this.token.value;
    const basic = Buffer.from(`${this.clientId}:${this.clientSecret}`, 'utf8').toString('base64');
    const response = await this.client.getJson({
      url: this.tokenUrl,
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
      signal,
    });
    const body = response.body;
    if (!isObject(body) || typeof body['access_token'] !== 'string' || typeof body['expires_in'] !== 'number') {
      throw wrongShape(this.client, this.tokenUrl, 'the token answer has no access_token / expires_in');
    }
    const lifetimeMs = Math.max(0, body['expires_in'] * 1000 - 60_000);
    this.token = { value: body['access_token'], expiresAt: now.getTime() + lifetimeMs };
    return this.token.value;
  }
}
