import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { ConfigError, type ConfigIssue } from './config-error.js';
import { type ConfigLayer, isPlainObject, mergeLayers, nestedValue, removeAt } from './config-layers.js';
import { type ConfigSettings, configSchema, SECRET_KEYS } from './config-schema.js';
import { describeIssues } from './describe-issues.js';
import { envOverrides } from './env-overrides.js';
import { shippedFile } from './paths.js';

/** The validated configuration, with paths made absolute and secrets resolved. */
export interface Config extends ConfigSettings {
  /** `<dataDir>/carevoice.sqlite`, the embedded store. */
  sqlitePath: string;
  /** NODE_ENV is `production`. */
  production: boolean;
  /** HMAC key for author handles, and whether it came from the environment or is the development default. */
  authorHash: { key: string; source: 'environment' | 'development-default' };
  /** The files that were read, in overlay order. */
  files: string[];
}

export interface LoadConfigOptions {
  /** Folder that relative paths are resolved against. @defaultValue process.cwd() */
  cwd?: string;
  /** @defaultValue process.env */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * File texts by path as named (`config/carevoice.json`, `config/local.json`, or the CAREVOICE_CONFIG
   * value); when given, the disk is not read and a path missing from the map counts as absent.
   */
  files?: Readonly<Record<string, string>>;
  /** Where start-up warnings go. @defaultValue a line on stderr */
  warn?: (message: string) => void;
}

export const BASE_CONFIG_FILE = 'config/carevoice.json';
export const LOCAL_CONFIG_FILE = 'config/local.json';

type FileReader = (name: string) => string | undefined;

function diskReader(cwd: string): FileReader {
  return (name) => {
    const path = isAbsolute(name) ? name : join(cwd, name);
    if (existsSync(path)) return readFileSync(path, 'utf8');
    // The built CLI may run from any folder: fall back to the defaults shipped with the package.
    if (name === BASE_CONFIG_FILE && existsSync(shippedFile(BASE_CONFIG_FILE))) {
      return readFileSync(shippedFile(BASE_CONFIG_FILE), 'utf8');
    }
    return undefined;
  };
}

function readLayer(name: string, read: FileReader, required: boolean, issues: ConfigIssue[]): ConfigLayer | null {
  let text: string | undefined;
  try {
    text = read(name);
  } catch (error) {
    issues.push({ path: name, problem: `cannot be read: ${(error as Error).message}` });
    return null;
  }
  if (text === undefined) {
    if (required) issues.push({ path: name, problem: 'expected a config file, found no such file (CAREVOICE_CONFIG)' });
    return null;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    issues.push({ path: name, problem: `expected valid JSON, found a syntax error: ${(error as Error).message}` });
    return null;
  }
  if (!isPlainObject(value)) {
    issues.push({ path: name, problem: 'expected a JSON object at the top level' });
    return null;
  }
  // Secrets belong in the environment: a key in a file would end up in backups and version control.
  for (const [path, variable] of Object.entries(SECRET_KEYS)) {
    if (removeAt(value, path)) {
      issues.push({
        path,
        problem: `secrets are read only from the environment; remove it from the file and set ${variable}`,
        origin: name,
      });
    }
  }
  return { origin: name, value };
}

/** The development HMAC key: stable per data folder, so author hashes survive restarts, but not secret. */
export function developmentAuthorHashKey(dataDir: string): string {
  return createHash('sha256').update(`carevoice-development-author-key:${dataDir}`).digest('hex');
}

/**
 * Reads config/carevoice.json, overlays config/local.json (or the file named by CAREVOICE_CONFIG,
 * which replaces it), then environment overrides, and validates the result. Throws one ConfigError
 * listing every problem.
 */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const cwd = resolve(options.cwd ?? process.cwd());
  const env = options.env ?? process.env;
  const warn = options.warn ?? ((message: string) => process.stderr.write(`carevoice: warning: ${message}\n`));
  const files = options.files;
  const read: FileReader = files ? (name) => files[name] : diskReader(cwd);

  const issues: ConfigIssue[] = [];
  const overlayName = env['CAREVOICE_CONFIG']?.trim() || undefined;
  const fileLayers = [
    readLayer(BASE_CONFIG_FILE, read, false, issues),
    overlayName ? readLayer(overlayName, read, true, issues) : readLayer(LOCAL_CONFIG_FILE, read, false, issues),
  ].filter((layer): layer is ConfigLayer => layer !== null);
  const envLayers = envOverrides(env).map(
    (o): ConfigLayer => ({ origin: o.variable, value: nestedValue(o.path, o.value) }),
  );

  const merged = mergeLayers([...fileLayers, ...envLayers]);
  const parsed = configSchema.safeParse(merged.value);
  if (!parsed.success) {
    const defaults = configSchema.parse({});
    issues.push(...describeIssues(parsed.error.issues, { input: merged.value, origins: merged.origins, defaults }));
  }

  const production = env['NODE_ENV'] === 'production';
  if (production && merged.value['authorHashKey'] === undefined) {
    issues.push({
      path: 'authorHashKey',
      problem: 'expected a key of at least 32 characters in production, found nothing',
      origin: 'CAREVOICE_AUTHOR_HASH_KEY',
    });
  }
  if (issues.length > 0 || !parsed.success) throw new ConfigError(issues);

  const settings = parsed.data;
  const dataDir = resolve(cwd, settings.dataDir);
  let authorHash: Config['authorHash'];
  if (settings.authorHashKey !== undefined) {
    authorHash = { key: settings.authorHashKey, source: 'environment' };
  } else {
    authorHash = { key: developmentAuthorHashKey(dataDir), source: 'development-default' };
    warn(
      'CAREVOICE_AUTHOR_HASH_KEY is not set: author handles are hashed with a development key derived from ' +
        `the data folder (${dataDir}). Set it (32+ characters) before collecting real comments.`,
    );
  }

  return {
    ...settings,
    dataDir,
    exportDir: resolve(cwd, settings.exportDir),
    sources: {
      ...settings.sources,
      file: { ...settings.sources.file, dir: resolve(cwd, settings.sources.file.dir) },
      'fft-export': { ...settings.sources['fft-export'], dir: resolve(cwd, settings.sources['fft-export'].dir) },
    },
    sqlitePath: join(dataDir, 'carevoice.sqlite'),
    production,
    authorHash,
    files: fileLayers.map((layer) => layer.origin),
  };
}

let cached: Config | undefined;

/** The process's configuration, loaded from disk and the environment once, then cached. */
export function getConfig(): Config {
  cached ??= loadConfig();
  return cached;
}

/** Forgets the cached configuration (tests, or a reload on SIGHUP). */
export function resetConfigCache(): void {
  cached = undefined;
}
