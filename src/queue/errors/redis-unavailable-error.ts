/** No Redis answers and none can be started here; the message says how to get one. */
export class RedisUnavailableError extends Error {
  readonly code = 'redis_unavailable';
  constructor(readonly detail: string) {
    super(
      [
        `CareVoice needs Redis for its queues, and none is available: ${detail}`,
        '',
        'Any one of these fixes it:',
        '  - Install Redis and CareVoice starts a private server for you (data under <dataDir>/redis):',
        '      Debian/Ubuntu:  sudo apt-get install redis-server',
        '      macOS:          brew install redis',
        '  - Run the bundled container:  docker compose up -d redis',
        '  - Point at a Redis you already have:  export REDIS_URL=redis://host:6379',
        '',
        'Redis must run with `maxmemory-policy noeviction` (the private server does).',
      ].join('\n'),
    );
    this.name = 'RedisUnavailableError';
  }
}
