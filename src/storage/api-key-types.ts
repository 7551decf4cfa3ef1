/** API keys as the store keeps them: never the key itself, only its SHA-256 and a public id. */

export interface ApiKeyRecord {
  /** Public id, also the key's visible prefix (`cvk_<id>_…`), used in logs and for the rate limit. */
  id: string;
  name: string;
  /** Hex SHA-256 of the whole key. */
  keyHash: string;
  createdAt: string;
  revokedAt: string | null;
}
