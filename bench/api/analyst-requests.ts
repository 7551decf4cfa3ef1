import type { Store } from '../../src/storage/store.js';

/**
 * The requests an analyst's dashboard makes, aimed at the busiest trust of the bench store (the one
 * with the most comments, so its queries read the most rows): its scores (every cell, as an analyst
 * downloading them asks, with and without gzip; one cancer type and all cancers, as the trust view
 * asks; its months), a filtered comments page, its triangulated cells, and the national summary.
 * Only the gzip row sends Accept-Encoding (browsers always do); the others measure the uncoded bytes.
 */

export interface AnalystRequest {
  name: string;
  path: string;
  headers?: Record<string, string>;
}

export async function analystRequests(store: Store): Promise<AnalystRequest[]> {
  const overall = await store.listAggregates({ theme: 'all', tumourGroup: 'all' });
  if (overall.length === 0) throw new Error('the bench store has no aggregates: was it built?');
  const byTrust = new Map<string, number>();
  for (const row of overall) byTrust.set(row.odsCode, (byTrust.get(row.odsCode) ?? 0) + row.n);
  const [trust] = [...byTrust].sort((a, b) => b[1] - a[1])[0]!;
  const periods = [...new Set(overall.map((row) => row.period))].sort();
  const lastYear = periods.slice(-12);
  const cells = await store.listAggregates({ odsCode: trust });
  const busiest = (key: 'theme' | 'tumourGroup') => {
    const totals = new Map<string, number>();
    for (const row of cells) if (row[key] !== 'all') totals.set(row[key], (totals.get(row[key]) ?? 0) + row.n);
    return [...totals].sort((a, b) => b[1] - a[1])[0]![0];
  };
  const theme = busiest('theme');
  const tumourGroup = busiest('tumourGroup');
  return [
    { name: "a trust's scores (every cell)", path: `/v1/scores?odsCode=${trust}` },
    {
      name: "a trust's scores (every cell), gzip",
      path: `/v1/scores?odsCode=${trust}`,
      headers: { 'accept-encoding': 'gzip, deflate, br, zstd' },
    },
    // What the dashboard's trust view asks for: one cancer type's cells of the trust, and its months.
    {
      name: "a trust's scores, one cancer type",
      path: `/v1/scores?odsCode=${trust}&tumourGroup=${tumourGroup}`,
    },
    {
      name: "a trust's scores, all cancers",
      path: `/v1/scores?odsCode=${trust}&tumourGroup=all`,
    },
    { name: "a trust's months", path: `/v1/scores?odsCode=${trust}&theme=all&tumourGroup=all` },
    {
      name: "a trust's overall scores, last 12 months",
      path: `/v1/scores?odsCode=${trust}&theme=all&tumourGroup=all&periodFrom=${lastYear[0]}&periodTo=${lastYear.at(-1)}`,
    },
    {
      name: 'comments page: trust + theme + negative',
      path: `/v1/comments?odsCode=${trust}&theme=${theme}&sentiment=negative&limit=50`,
    },
    {
      name: 'comments page: tumour group + 12 months',
      path: `/v1/comments?tumourGroup=${tumourGroup}&periodFrom=${lastYear[0]}&periodTo=${lastYear.at(-1)}&limit=50`,
    },
    { name: "a trust's triangulated cells", path: `/v1/triangulation?odsCode=${trust}` },
    { name: 'triangulation summary', path: '/v1/triangulation/summary' },
  ];
}
