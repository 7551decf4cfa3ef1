/** National view: rare and less common cancers across England, from the survey summary and from comments. */

import { getJson, getOptionalJson } from './api.js';
import { COLOURS, intervalChartOption, stackedBarOption } from './charts.js';
import { RARE_TUMOUR_GROUPS, tumourGroupLabel } from './labels.js';
import { chartFigure, dataTable, message, panel, replaceContent, withInterval } from './panel.js';
import { pooledShare } from './shares.js';

export const NO_SURVEY_DATA =
  'No survey data imported yet. Import the National Cancer Patient Experience Survey to see it here.';

/** Rows of GET /v1/triangulation/summary for the rare and less common groups, in the usual order. */
export function summaryRows(body) {
  const byGroup = new Map((body?.items ?? []).map((item) => [item.tumourGroup, item]));
  return RARE_TUMOUR_GROUPS.filter((id) => byGroup.has(id)).map((id) => byGroup.get(id));
}

function fillSuppression(target, rows) {
  const categories = rows.map((row) => tumourGroupLabel(row.tumourGroup));
  const hidden = rows.reduce((sum, row) => sum + row.trustsSuppressed, 0);
  const option = stackedBarOption({
    categories,
    axisName: 'Number of trusts',
    stacks: [
      { name: 'Result published', colour: COLOURS.blue, values: rows.map((row) => row.trustsPublished) },
      { name: 'Result hidden', colour: COLOURS.grey, values: rows.map((row) => row.trustsSuppressed) },
    ],
  });
  replaceContent(
    target.fill,
    chartFigure(target, option, {
      summary: `${hidden} trust results are hidden across ${rows.length} rare and less common cancer types.`,
      height: 80 + rows.length * 32,
    }),
    dataTable({
      caption: 'Trusts whose survey result is published or hidden, by cancer type',
      columns: ['Cancer type', 'Published', 'Hidden'],
      rows: rows.map((row) => [tumourGroupLabel(row.tumourGroup), row.trustsPublished, row.trustsSuppressed]),
    }),
  );
}

function fillNationalEstimate(target, rows) {
  const points = rows.map((row) => ({
    estimate: row.nationalEstimate,
    lower: row.nationalLower,
    upper: row.nationalUpper,
  }));
  const option = intervalChartOption({
    categories: rows.map((row) => tumourGroupLabel(row.tumourGroup)),
    axisName: 'Score out of 100',
    series: [{ name: 'CareVoice estimate for England', colour: COLOURS.pink, points }],
  });
  replaceContent(
    target.fill,
    chartFigure(target, option, {
      summary: `Estimates for ${rows.length} cancer types from the ${rows[0].year} survey, each with its 95% interval.`,
      height: 80 + rows.length * 36,
    }),
    dataTable({
      caption: 'CareVoice estimate for England by cancer type, out of 100 (95% interval)',
      columns: ['Cancer type', 'Survey year', 'Estimate (95% interval)'],
      rows: rows.map((row, i) => [
        tumourGroupLabel(row.tumourGroup),
        row.year,
        withInterval(points[i].estimate, points[i].lower, points[i].upper).replaceAll('%', ''),
      ]),
    }),
  );
}

function fillComments(target, scores) {
  const groups = [...RARE_TUMOUR_GROUPS, 'all'];
  const rows = groups
    .map((id) => ({ id, ...pooledShare(scores.filter((row) => row.theme === 'all' && row.tumourGroup === id)) }))
    .filter((row) => row.n > 0);
  if (rows.length === 0)
    return replaceContent(target.fill, message('No comments about rare or less common cancers yet.'));
  const option = intervalChartOption({
    categories: rows.map((row) => tumourGroupLabel(row.id)),
    axisName: 'Positive comments (%)',
    series: [{ name: 'Share of comments that are positive', colour: COLOURS.blue, points: rows }],
  });
  const total = rows.find((row) => row.id === 'all');
  replaceContent(
    target.fill,
    chartFigure(target, option, {
      summary: total
        ? `Across all cancers, ${Math.round(total.estimate)}% of ${total.n} comments were positive.`
        : `${rows.length} cancer types have comments.`,
      height: 80 + rows.length * 36,
    }),
    dataTable({
      caption: 'Share of comments that are positive, by cancer type (95% interval)',
      columns: ['Cancer type', 'Comments', 'Positive (95% interval)'],
      rows: rows.map((row) => [tumourGroupLabel(row.id), row.n, withInterval(row.estimate, row.lower, row.upper)]),
    }),
  );
}

async function guarded(target, work) {
  try {
    await work();
  } catch (error) {
    replaceContent(target.fill, message(`This part of the page could not be loaded: ${error.message}`, 'error'));
  }
}

export async function renderNationalView(root) {
  const suppression = panel(
    'national-suppression',
    'Where survey results are hidden',
    'The National Cancer Patient Experience Survey hides a trust’s result for a cancer type when too few people answered to publish it safely. This happens most for rare and less common cancers.',
  );
  const estimate = panel(
    'national-estimate',
    'What CareVoice estimates for England',
    'An overall survey score out of 100 for each cancer type, including the trusts whose results are hidden, with a 95% interval: the true value is very likely inside the line.',
  );
  const comments = panel(
    'national-comments',
    'What people say in comments',
    'The share of public comments about each cancer type that are positive, across all trusts and months, with a 95% interval. Comments are not a survey: use them alongside it.',
  );
  for (const target of [suppression, estimate, comments]) target.fill.append(message('Loading…'));
  root.replaceChildren(suppression.section, estimate.section, comments.section);

  await Promise.all([
    guarded(suppression, async () => {
      const rows = summaryRows(await getOptionalJson('/v1/triangulation/summary'));
      if (rows.length === 0) {
        for (const target of [suppression, estimate]) replaceContent(target.fill, message(NO_SURVEY_DATA));
        return;
      }
      fillSuppression(suppression, rows);
      fillNationalEstimate(estimate, rows);
    }),
    guarded(comments, async () => fillComments(comments, (await getJson('/v1/scores?theme=all')).items)),
  ]);
}
