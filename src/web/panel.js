/** Building blocks of the page: a titled panel with an accessible chart, a data table and messages. */

import { disposeChartsIn, drawChart } from './charts.js';

/** An element with attributes and children (strings become text nodes, never HTML). */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null && value !== false) element.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** Replaces what `container` shows, freeing the charts it held. */
export function replaceContent(container, ...children) {
  disposeChartsIn(container);
  container.replaceChildren(...children.flat().filter(Boolean));
}

/**
 * A section with a heading and a description; `fill` is where the chart, table or message goes.
 * The chart's accessible name is the title and its description the text below the heading.
 */
export function panel(id, title, description) {
  const fill = el('div', { class: 'panel-body' });
  const section = el(
    'section',
    { class: 'panel', id, 'aria-labelledby': `${id}-title` },
    el('h3', { id: `${id}-title` }, title),
    el('p', { class: 'panel-description', id: `${id}-description` }, description),
    fill,
  );
  return { section, fill, id, title };
}

/** A chart drawn with ECharts inside an element announced as one image, with a one-line summary. */
export function chartFigure(owner, option, { summary, height }) {
  const summaryId = `${owner.id}-chart-summary`;
  const chart = el('div', {
    class: 'chart',
    role: 'img',
    'aria-label': `Chart: ${owner.title}`,
    'aria-describedby': `${owner.id}-description ${summaryId}`,
  });
  chart.style.height = `${height}px`;
  const figure = el('div', { class: 'chart-wrap' }, chart, el('p', { class: 'chart-summary', id: summaryId }, summary));
  // ECharts measures its container, so it draws once the element is in the document (a view replaced
  // by a newer choice before then is never drawn).
  queueMicrotask(() => {
    if (chart.isConnected) drawChart(chart, option);
  });
  return figure;
}

/** The figures behind a chart as a real table, folded away under a summary line. */
export function dataTable({ caption, columns, rows, open = false }) {
  const table = el(
    'table',
    { class: 'data-table' },
    el('caption', {}, caption),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        columns.map((column) => el('th', { scope: 'col' }, column)),
      ),
    ),
    el(
      'tbody',
      {},
      rows.map(([head, ...cells]) =>
        el(
          'tr',
          {},
          el('th', { scope: 'row' }, head),
          cells.map((c) => el('td', {}, c)),
        ),
      ),
    ),
  );
  return el('details', { class: 'table-details', open }, el('summary', {}, 'Show the figures as a table'), table);
}

/** A plain message in place of a chart: no data yet, or a failure in words. */
export function message(text, kind = 'info') {
  return el('p', { class: `message message-${kind}`, role: kind === 'error' ? 'alert' : null }, text);
}

/** "62% (48% to 75%)" from shares or scores on a 0–100 scale. */
export function withInterval(value, lower, upper) {
  return `${Math.round(value)}% (${Math.round(lower)}% to ${Math.round(upper)}%)`;
}
