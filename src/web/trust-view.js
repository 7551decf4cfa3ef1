/** Trust view: one trust and cancer type, with theme scores from comments and the survey, a trend, alerts and comments. */

import { getAllPages, getJson } from './api.js';
import { COLOURS, intervalChartOption, trendChartOption } from './charts.js';
import { ALERT_KIND_LABELS, periodLabel, THEME_LABELS, themeLabel, tumourGroupLabel } from './labels.js';
import { NO_SURVEY_DATA } from './national-view.js';
import { chartFigure, dataTable, el, message, panel, replaceContent, withInterval } from './panel.js';

const percent = (row) => ({
  estimate: 100 * row.positiveShare,
  lower: 100 * row.positiveShareLower,
  upper: 100 * row.positiveShareUpper,
});

/** Survey figures for the trust and cancer type; null when the triangulation route is not there. */
async function surveyFigures(odsCode, group) {
  if (group === 'all') return [];
  return getAllPages('/v1/triangulation', { odsCode, tumourGroup: group, limit: '1000' });
}

const SOURCE_LABELS = {
  cpes: 'other published survey results',
  comments: 'comments',
  fft: 'Friends and Family Test results',
  complaints: 'written complaints',
};

/** `a`, `a and b`, `a, b and c`. */
const spokenList = (items) =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

function surveySource(item) {
  if (item.observed)
    return item.respondents ? `Published survey result (${item.respondents} people)` : 'Published survey result';
  const sources = (item.sources ?? []).map((source) => SOURCE_LABELS[source] ?? source);
  const from = sources.length > 0 ? `, estimated from ${spokenList(sources)}` : '';
  return `CareVoice estimate: the survey result is hidden${from}`;
}

function fillThemes(target, { scores, survey, month, names }) {
  const commentsByTheme = new Map(scores.filter((row) => row.theme !== 'all').map((row) => [row.theme, row]));
  const surveyByTheme = new Map(
    (survey ?? []).filter((item) => item.theme !== 'all').map((item) => [item.theme, item]),
  );
  const themes = Object.keys(THEME_LABELS).filter((id) => commentsByTheme.has(id) || surveyByTheme.has(id));
  const notes = [];
  if (survey === null) notes.push(message(NO_SURVEY_DATA));
  else if (names.group === tumourGroupLabel('all'))
    notes.push(message('Survey figures are given for one cancer type at a time: choose a cancer type to see them.'));
  else if (survey.length === 0)
    notes.push(message(`No survey figures for ${names.group.toLowerCase()} at ${names.trust}.`));
  const overall = scores.find((row) => row.theme === 'all');
  const overallSurvey = (survey ?? []).find((item) => item.theme === 'all');
  if (overall) {
    const share = percent(overall);
    notes.push(
      el(
        'p',
        {},
        `Overall in ${periodLabel(month)}: ${withInterval(share.estimate, share.lower, share.upper)} of ${overall.n} comments were positive.`,
      ),
    );
  }
  if (overallSurvey) {
    notes.push(
      el(
        'p',
        {},
        `Overall survey score: ${withInterval(overallSurvey.estimate, overallSurvey.lower, overallSurvey.upper).replaceAll('%', '')} out of 100 (${surveySource(overallSurvey)}).`,
      ),
    );
  }
  if (themes.length === 0) {
    return replaceContent(
      target.fill,
      ...notes,
      message(`No comments about ${names.group.toLowerCase()} at ${names.trust} in ${periodLabel(month)}.`),
    );
  }
  const categories = themes.map(themeLabel);
  const series = [
    {
      name: 'Comments: positive (%)',
      colour: COLOURS.blue,
      points: themes.map((id) => (commentsByTheme.has(id) ? percent(commentsByTheme.get(id)) : null)),
    },
  ];
  if (surveyByTheme.size > 0) {
    series.push({
      name: 'Survey or CareVoice estimate (out of 100)',
      colour: COLOURS.pink,
      points: themes.map((id) => surveyByTheme.get(id) ?? null),
    });
  }
  const rows = themes.map((id) => {
    const comment = commentsByTheme.get(id);
    const item = surveyByTheme.get(id);
    const share = comment ? percent(comment) : null;
    return [
      themeLabel(id),
      comment ? comment.n : 0,
      share ? withInterval(share.estimate, share.lower, share.upper) : 'No comments',
      item ? withInterval(item.estimate, item.lower, item.upper).replaceAll('%', '') : 'No survey figure',
      item ? surveySource(item) : '',
    ];
  });
  replaceContent(
    target.fill,
    ...notes,
    chartFigure(target, intervalChartOption({ categories, series, axisName: 'Out of 100' }), {
      summary: `${themes.length} themes for ${names.group.toLowerCase()} at ${names.trust} in ${periodLabel(month)}.`,
      height: 90 + themes.length * 40,
    }),
    dataTable({
      caption: `Theme scores for ${names.group.toLowerCase()} at ${names.trust}, ${periodLabel(month)} (95% intervals)`,
      columns: ['Theme', 'Comments', 'Comments positive', 'Survey score', 'Where the survey score comes from'],
      rows,
    }),
  );
}

function fillTrend(target, { scores, periods, names }) {
  const byPeriod = new Map(scores.filter((row) => row.theme === 'all').map((row) => [row.period, row]));
  if (byPeriod.size === 0)
    return replaceContent(
      target.fill,
      message(`No comments about ${names.group.toLowerCase()} at ${names.trust} yet.`),
    );
  const points = periods.map((period) => (byPeriod.has(period) ? percent(byPeriod.get(period)) : null));
  const labels = periods.map(periodLabel);
  replaceContent(
    target.fill,
    chartFigure(
      target,
      trendChartOption({ periods: labels, points, name: 'Comments: positive (%)', axisName: 'Positive (%)' }),
      {
        summary: `Share of positive comments in ${byPeriod.size} of ${periods.length} months, from ${labels[0]} to ${labels.at(-1)}.`,
        height: 320,
      },
    ),
    dataTable({
      caption: `Share of positive comments by month, ${names.group.toLowerCase()} at ${names.trust} (95% intervals)`,
      columns: ['Month', 'Comments', 'Positive (95% interval)'],
      rows: periods.map((period, i) => {
        const row = byPeriod.get(period);
        return [
          labels[i],
          row ? row.n : 0,
          row ? withInterval(points[i].estimate, points[i].lower, points[i].upper) : 'No comments',
        ];
      }),
    }),
  );
}

function fillAlerts(target, alerts, names) {
  if (alerts.length === 0) return replaceContent(target.fill, message(`No alerts for ${names.trust}.`));
  replaceContent(
    target.fill,
    el(
      'ul',
      { class: 'item-list' },
      alerts.map((alert) =>
        el(
          'li',
          {},
          el('strong', {}, ALERT_KIND_LABELS[alert.kind] ?? alert.kind),
          ` · ${periodLabel(alert.period)}${alert.theme ? ` · ${themeLabel(alert.theme)}` : ''}`,
          el('p', {}, alert.evidenceText),
        ),
      ),
    ),
  );
}

function fillComments(target, comments, names) {
  if (comments.length === 0)
    return replaceContent(
      target.fill,
      message(`No comments about ${names.group.toLowerCase()} at ${names.trust} yet.`),
    );
  const mood = { positive: 'Positive', neutral: 'Neutral', negative: 'Negative' };
  replaceContent(
    target.fill,
    el(
      'ul',
      { class: 'item-list' },
      comments.map((comment) =>
        el(
          'li',
          {},
          el('blockquote', {}, comment.text),
          el(
            'p',
            { class: 'meta' },
            `${periodLabel(comment.period)} · ${mood[comment.sentiment.label]} · ${comment.source}`,
          ),
        ),
      ),
    ),
  );
}

async function guarded(target, work) {
  try {
    await work();
  } catch (error) {
    replaceContent(target.fill, message(`This part of the page could not be loaded: ${error.message}`, 'error'));
  }
}

/**
 * Draws the trust view into `root`. `scores` are the /v1/scores rows of the trust and cancer type; `periods` the
 * trust's months, oldest first.
 */
export async function renderTrustView(root, { trust, group, month, scores, periods }) {
  const names = { trust: trust.name, group: tumourGroupLabel(group) };
  const themes = panel(
    'trust-themes',
    `Theme scores in ${periodLabel(month)}`,
    'For each theme: the share of comments that are positive (blue) and the survey score or CareVoice’s estimate of it (pink), each with a 95% interval. Comment shares are pulled towards the national figure when there are few comments.',
  );
  const trend = panel(
    'trust-trend',
    'Positive comments by month',
    'The share of comments that are positive each month, with the 95% interval shaded.',
  );
  const alerts = panel(
    'trust-alerts',
    'Alerts',
    'Safety concerns raised in comments and warnings that comments are getting worse, for the whole trust.',
  );
  const comments = panel(
    'trust-comments',
    'Example comments',
    'Up to five recent comments. Names and other personal details have been removed.',
  );
  for (const target of [themes, trend, alerts, comments]) target.fill.append(message('Loading…'));
  root.replaceChildren(themes.section, trend.section, alerts.section, comments.section);

  const commentQuery = new URLSearchParams({ odsCode: trust.odsCode, periodTo: month, limit: '5' });
  if (group !== 'all') commentQuery.set('tumourGroup', group);
  await Promise.all([
    guarded(themes, async () => {
      const survey = await surveyFigures(trust.odsCode, group);
      fillThemes(themes, { scores: scores.filter((row) => row.period === month), survey, month, names });
    }),
    guarded(trend, async () => fillTrend(trend, { scores, periods, names })),
    guarded(alerts, async () =>
      fillAlerts(alerts, (await getJson(`/v1/alerts?odsCode=${trust.odsCode}&limit=10`)).items, names),
    ),
    guarded(comments, async () => fillComments(comments, (await getJson(`/v1/comments?${commentQuery}`)).items, names)),
  ]);
}
