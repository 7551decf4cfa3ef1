import { type Command, InvalidArgumentError, Option } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { openConfiguredStore } from '../../app/open-configured-store.js';
import { SENTIMENT_LABELS, THEMES, TUMOUR_GROUPS } from '../../domain/model.js';
import type { Store } from '../../storage/store.js';
import { loadCliContext } from '../load-cli-config.js';
import { formatTable } from '../table.js';

/** `carevoice query`: the API's read questions from a terminal, straight from the store. */

export const QUERY_SUBJECTS = ['scores', 'triangulation', 'alerts', 'comments'] as const;
type Subject = (typeof QUERY_SUBJECTS)[number];
const FORMATS = ['table', 'csv', 'json'] as const;

export interface QueryOptions {
  ods?: string;
  /** `all`: the roll-up over tumour groups for scores; no filter elsewhere. */
  tumourGroup?: (typeof TUMOUR_GROUPS)[number] | 'all';
  theme?: (typeof THEMES)[number] | 'all';
  periodFrom?: string;
  periodTo?: string;
  observed?: boolean;
  rareOnly?: boolean;
  sentiment?: (typeof SENTIMENT_LABELS)[number];
  source?: string;
  limit: number;
  after?: string;
  format: (typeof FORMATS)[number];
}

/** What a query found: rows to print and the cursor of the next page. */
export interface QueryResult {
  header: string[];
  rows: (string | number)[][];
  items: unknown[];
  next: string | null;
}

const oneOf =
  <T extends string>(values: readonly T[], what: string) =>
  (value: string): T => {
    if (!(values as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected ${what}`);
    return value as T;
  };

function period(value: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) throw new InvalidArgumentError('expected a period YYYY-MM');
  return value;
}

function limit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new InvalidArgumentError('expected a whole number 1–10000');
  return n;
}

const round = (x: number, places = 1) => Number(x.toFixed(places));

/** What the table says of the deployment beside the stored rows. */
export interface QueryContext {
  /** Whether alerts are sent anywhere: without a webhook an alert stays pending until one is set. */
  webhookConfigured: boolean;
}

export async function runQuery(
  store: Store,
  subject: Subject,
  o: QueryOptions,
  context: QueryContext = { webhookConfigured: true },
): Promise<QueryResult> {
  const page = { limit: o.limit, after: o.after ?? null };
  // Outside scores, which keep roll-up rows, `all` means no filter.
  const group = o.tumourGroup === 'all' ? undefined : o.tumourGroup;
  if (subject === 'triangulation') {
    const result = await store.listTriangulation(
      {
        ...(o.ods !== undefined && { odsCode: o.ods }),
        ...(group !== undefined && { tumourGroup: group }),
        ...(o.theme !== undefined && { theme: o.theme }),
        ...(o.observed !== undefined && { observed: o.observed }),
        ...(o.rareOnly === true && { rareOnly: true }),
      },
      page,
    );
    const items = result.items.map(({ year: _year, ...cell }) => cell);
    return {
      header: [
        'ods',
        'trust',
        'tumour group',
        'theme',
        'estimate',
        'lower',
        'upper',
        'observed',
        'respondents',
        'sources',
      ],
      rows: items.map((c) => [
        c.odsCode,
        c.trustName,
        c.tumourGroup,
        c.theme,
        round(c.estimate),
        round(c.lower),
        round(c.upper),
        c.observed ? 'yes' : 'no',
        c.respondents ?? '',
        c.sources.join('+'),
      ]),
      items,
      next: result.next,
    };
  }
  if (subject === 'scores') {
    const rows = await store.listAggregates({
      ...(o.ods !== undefined && { odsCode: o.ods }),
      ...(o.tumourGroup !== undefined && { tumourGroup: o.tumourGroup }),
      ...(o.theme !== undefined && { theme: o.theme }),
      ...(o.periodFrom !== undefined && { periodFrom: o.periodFrom }),
      ...(o.periodTo !== undefined && { periodTo: o.periodTo }),
    });
    const items = rows.slice(0, o.limit).map(({ computedAt: _c, ...row }) => row);
    return {
      header: ['ods', 'theme', 'tumour group', 'period', 'n', 'positive share', 'lower', 'upper'],
      rows: items.map((r) => [
        r.odsCode,
        r.theme,
        r.tumourGroup,
        r.period,
        r.n,
        round(r.positiveShare, 3),
        round(r.positiveShareLower, 3),
        round(r.positiveShareUpper, 3),
      ]),
      items,
      next: null,
    };
  }
  if (subject === 'alerts') {
    const result = await store.listAlerts(o.ods !== undefined ? { odsCode: o.ods } : {}, page);
    return {
      header: ['created', 'type', 'kind', 'ods', 'theme', 'period', 'delivery', 'evidence'],
      rows: result.items.map((a) => [
        a.createdAt,
        a.type,
        a.kind,
        a.odsCode ?? '',
        a.theme ?? '',
        a.period,
        a.delivery.state === 'pending' && !context.webhookConfigured ? 'pending (no webhook set)' : a.delivery.state,
        a.evidenceText,
      ]),
      items: result.items,
      next: result.next,
    };
  }
  const result = await store.listComments(
    {
      ...(o.source !== undefined && { source: o.source }),
      ...(o.ods !== undefined && { odsCode: o.ods }),
      ...(group !== undefined && { tumourGroup: group }),
      ...(o.theme !== undefined && o.theme !== 'all' && { theme: o.theme }),
      ...(o.periodFrom !== undefined && { periodFrom: o.periodFrom }),
      ...(o.periodTo !== undefined && { periodTo: o.periodTo }),
      ...(o.sentiment !== undefined && { sentiment: o.sentiment }),
    },
    page,
  );
  return {
    header: ['source', 'id', 'period', 'ods', 'sentiment', 'themes', 'text'],
    rows: result.items.map((c) => [
      c.source,
      c.externalId,
      c.period,
      c.provider?.odsCode ?? '',
      c.sentiment.label,
      c.themes.map((t) => t.id).join('+'),
      c.text,
    ]),
    items: result.items,
    next: result.next,
  };
}

/**
 * A text cell a spreadsheet would run as a formula (= + - @, tab, CR) gets a leading apostrophe, so an
 * exported comment can never execute in the analyst's spreadsheet. Numbers are left as numbers.
 */
export function neutraliseCell(cell: string | number): string | number {
  return typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export function formatQuery(result: QueryResult, format: QueryOptions['format']): string {
  if (format === 'json') return `${JSON.stringify({ items: result.items, next: result.next })}\n`;
  if (format === 'csv') return stringify([result.header, ...result.rows.map((row) => row.map(neutraliseCell))]);
  const more = result.next ? `\nmore: --after ${result.next}` : '';
  return `${formatTable(result.header, result.rows)}\n${result.rows.length} rows${more}\n`;
}

export function registerQueryCommand(program: Command): void {
  program
    .command('query')
    .description('Read scores, triangulated scores, alerts or comments from the store, as the API serves them')
    .argument('<subject>', QUERY_SUBJECTS.join(' | '), oneOf(QUERY_SUBJECTS, QUERY_SUBJECTS.join(', ')))
    .option('--ods <code>', 'ODS code of a trust')
    .option(
      '--tumour-group <id>',
      'a CPES tumour group, or all',
      oneOf([...TUMOUR_GROUPS, 'all'] as const, 'a tumour group id or all'),
    )
    .option('--theme <id>', 'a theme id, or all', oneOf([...THEMES, 'all'] as const, 'a theme id or all'))
    .option('--period-from <YYYY-MM>', 'scores, comments: first period', period)
    .option('--period-to <YYYY-MM>', 'scores, comments: last period', period)
    .addOption(
      new Option('--observed <bool>', 'triangulation: true for published cells, false for estimated ones')
        .choices(['true', 'false'])
        .argParser((v) => v === 'true'),
    )
    .option('--rare-only', 'triangulation: rare and less common cancers only')
    .option('--sentiment <label>', 'comments: negative, neutral or positive', oneOf(SENTIMENT_LABELS, 'a label'))
    .option('--source <name>', 'comments: one source')
    .option('--limit <n>', 'rows per page', limit, 100)
    .option('--after <cursor>', 'the cursor printed after a previous page')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('table'))
    .action(async (subject: Subject, options: QueryOptions) => {
      const { config, logger } = loadCliContext('query');
      const store = await openConfiguredStore(config, logger);
      try {
        const context = { webhookConfigured: config.alerts.webhookUrl !== undefined };
        process.stdout.write(formatQuery(await runQuery(store, subject, options, context), options.format));
      } finally {
        await store.close();
      }
    });
}
