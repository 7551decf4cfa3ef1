/** ECharts options for the dashboard's two kinds of chart: estimates with intervals, and a trend with a band. */

import * as echarts from './vendor/echarts.js';

/** Colours with at least 3:1 contrast on white (WCAG 1.4.11), from the NHS identity palette. */
export const COLOURS = { blue: '#005eb8', pink: '#ae2573', grey: '#4c6272', band: '#c8dcf0', text: '#212b32' };

const charts = new Set();
const TEXT = { color: COLOURS.text, fontSize: 14, fontFamily: 'Arial, sans-serif' };

export function drawChart(element, option) {
  echarts.getInstanceByDom(element)?.dispose();
  const chart = echarts.init(element, null, { renderer: 'svg' });
  chart.setOption({ animation: false, textStyle: TEXT, ...option });
  charts.add(chart);
}

export function disposeChartsIn(container) {
  for (const chart of [...charts]) {
    if (container.contains(chart.getDom())) {
      chart.dispose();
      charts.delete(chart);
    }
  }
}

window.addEventListener('resize', () => {
  for (const chart of charts) chart.resize();
});

function intervalSeries(name, colour, points, offset) {
  return {
    type: 'custom',
    name,
    itemStyle: { color: colour },
    encode: { x: [1, 2, 3], y: 0 },
    data: points.flatMap((point, i) => (point ? [[i, point.estimate, point.lower, point.upper]] : [])),
    renderItem(_params, api) {
      const category = api.value(0);
      const [x, middle] = api.coord([api.value(1), category]);
      const low = api.coord([api.value(2), category])[0];
      const high = api.coord([api.value(3), category])[0];
      const y = middle + offset * api.size([0, 1])[1] * 0.22;
      const tick = (at) => ({
        type: 'line',
        shape: { x1: at, y1: y - 5, x2: at, y2: y + 5 },
        style: { stroke: colour, lineWidth: 2 },
      });
      return {
        type: 'group',
        children: [
          { type: 'line', shape: { x1: low, y1: y, x2: high, y2: y }, style: { stroke: colour, lineWidth: 2 } },
          tick(low),
          tick(high),
          { type: 'circle', shape: { cx: x, cy: y, r: 6 }, style: { fill: colour, stroke: '#ffffff', lineWidth: 1.5 } },
        ],
      };
    },
  };
}

/**
 * One row per category, each series a dot (estimate) with a line across its 95% interval, on 0–100.
 * `series`: [{ name, colour, points: [{ estimate, lower, upper } | null per category] }].
 */
export function intervalChartOption({ categories, series, axisName }) {
  const offsets = series.length === 1 ? [0] : series.map((_, i) => i - (series.length - 1) / 2);
  return {
    grid: { left: 8, right: 24, top: 40, bottom: 48, containLabel: true },
    legend: { top: 0, left: 0, textStyle: TEXT, data: series.map((s) => s.name) },
    tooltip: {
      trigger: 'item',
      formatter: (p) =>
        `${p.seriesName}<br>${categories[p.value[0]]}: ${Math.round(p.value[1])} (${Math.round(p.value[2])} to ${Math.round(p.value[3])})`,
    },
    xAxis: { type: 'value', min: 0, max: 100, name: axisName, nameLocation: 'middle', nameGap: 28, axisLabel: TEXT },
    yAxis: { type: 'category', data: categories, inverse: true, axisLabel: { ...TEXT, width: 220, overflow: 'break' } },
    series: series.map((s, i) => intervalSeries(s.name, s.colour, s.points, offsets[i])),
  };
}

/** Horizontal stacked bars: `stacks` [{ name, colour, values per category }]. */
export function stackedBarOption({ categories, stacks, axisName }) {
  return {
    grid: { left: 8, right: 24, top: 40, bottom: 48, containLabel: true },
    legend: { top: 0, left: 0, textStyle: TEXT },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', name: axisName, nameLocation: 'middle', nameGap: 28, minInterval: 1, axisLabel: TEXT },
    yAxis: { type: 'category', data: categories, inverse: true, axisLabel: TEXT },
    series: stacks.map((s) => ({
      type: 'bar',
      name: s.name,
      stack: 'total',
      data: s.values,
      itemStyle: { color: s.colour, borderColor: '#ffffff', borderWidth: 1 },
    })),
  };
}

/** A line of estimates over periods with its 95% interval as a shaded band; nulls leave gaps. */
export function trendChartOption({ periods, points, name, axisName }) {
  const lower = points.map((p) => (p ? p.lower : null));
  const width = points.map((p) => (p ? p.upper - p.lower : null));
  return {
    grid: { left: 16, right: 48, top: 48, bottom: 32, containLabel: true },
    legend: { top: 0, left: 0, textStyle: TEXT, data: [name, '95% interval'] },
    tooltip: {
      trigger: 'axis',
      formatter: (items) => {
        const point = points[items[0].dataIndex];
        const label = periods[items[0].dataIndex];
        return point
          ? `${label}<br>${Math.round(point.estimate)}% (${Math.round(point.lower)}% to ${Math.round(point.upper)}%)`
          : `${label}<br>no comments`;
      },
    },
    xAxis: { type: 'category', data: periods, boundaryGap: false, axisLabel: TEXT },
    yAxis: {
      type: 'value',
      min: 0,
      max: 100,
      name: axisName,
      nameLocation: 'middle',
      nameGap: 40,
      nameTextStyle: TEXT,
      axisLabel: TEXT,
    },
    series: [
      {
        type: 'line',
        name: 'lower',
        data: lower,
        stack: 'band',
        symbol: 'none',
        lineStyle: { opacity: 0 },
        silent: true,
      },
      {
        type: 'line',
        name: '95% interval',
        data: width,
        stack: 'band',
        symbol: 'none',
        lineStyle: { opacity: 0 },
        areaStyle: { color: COLOURS.band },
        itemStyle: { color: COLOURS.band },
        silent: true,
      },
      {
        type: 'line',
        name,
        data: points.map((p) => (p ? p.estimate : null)),
        symbol: 'circle',
        symbolSize: 8,
        lineStyle: { color: COLOURS.blue, width: 3 },
        itemStyle: { color: COLOURS.blue },
      },
    ],
  };
}
