// The conventional build `make bench` measures Lifeline against (issue 15): the same story's
// text and data file, drawn the way such explainers are usually made, with d3 (SVG, d3's
// default cubic in-out transitions) and scrollama (an IntersectionObserver per step). It is
// a yardstick, not a product: one SVG chart per chart type, no tooltips, no tables, no
// editions, no checks of the data. `bench/conventional/build.mjs` assembles it from dist/.
import * as d3 from 'd3';
import scrollama from 'scrollama';

const W = 640;
const H = 420;
const M = { top: 56, right: 16, bottom: 28, left: 48 };
const svg = d3.select('#chart').attr('viewBox', `0 0 ${W} ${H}`);
const title = svg.append('text').attr('x', M.left).attr('y', 28).attr('class', 'title');
const plot = svg.append('g');
const xAxis = svg.append('g').attr('transform', `translate(0,${H - M.bottom})`);
const yAxis = svg.append('g').attr('transform', `translate(${M.left},0)`);
const colour = d3.scaleOrdinal(d3.schemeTableau10);
const T = () => d3.transition().duration(550);

// Every chart type becomes one list of marks: {key, shape: rect|circle, x, y, w, h, r, fill}.
const columns = (x, series, win, hi) => {
  const idx = x.map((v, i) => i).filter((i) => !win || (x[i] >= win[0] && x[i] <= win[1]));
  const sx = d3.scaleBand(idx.map((i) => x[i]), [M.left, W - M.right]).padding(0.15);
  const tops = idx.map((i) => d3.sum(series, (s) => s.values[i] ?? 0));
  const sy = d3.scaleLinear([0, d3.max(tops) || 1], [H - M.bottom, M.top]).nice();
  const marks = [];
  for (const i of idx) {
    let acc = 0;
    for (const s of series) {
      const v = s.values[i] ?? 0;
      marks.push({ key: `${s.name}:${x[i]}`, shape: 'rect', x: sx(x[i]), w: sx.bandwidth(), y: sy(acc + v), h: sy(acc) - sy(acc + v), fill: colour(s.name), dim: hi && !hi.includes(s.name) });
      acc += v;
    }
  }
  return { marks, sx, sy };
};

function marksOf(chart, step) {
  const d = chart.data;
  const hi = step.dataset.highlight?.split(',');
  const win = step.dataset.window?.split('-').map(Number);
  switch (chart.type) {
    case 'stacked-bars': return columns(d.x, d.series, win, hi);
    case 'timeline': {
      const c = columns(d.x, [d.series], win, hi);
      const ev = d.events.filter((e) => c.sx(e.year) !== undefined).map((e) => ({ key: `event:${e.id}`, shape: 'rect', x: c.sx(e.year) + c.sx.bandwidth() / 2 - 1, w: 2, y: M.top, h: H - M.bottom - M.top, fill: hi?.includes(e.id) ? '#c0392b' : '#999' }));
      return { ...c, marks: c.marks.concat(ev) };
    }
    case 'lines': {
      const idx = d.x.map((v, i) => i).filter((i) => !win || (d.x[i] >= win[0] && d.x[i] <= win[1]));
      const sx = d3.scaleLinear(d3.extent(idx, (i) => d.x[i]), [M.left, W - M.right]);
      const sy = d3.scaleLinear([0, d3.max(d.series, (s) => d3.max(idx, (i) => s.values[i])) || 1], [H - M.bottom, M.top]).nice();
      const marks = d.series.flatMap((s) => idx.filter((i) => s.values[i] != null).map((i) => ({ key: `${s.name}:${d.x[i]}`, shape: 'circle', x: sx(d.x[i]), y: sy(s.values[i]), r: 2.5, fill: colour(s.name), dim: hi && !hi.includes(s.name) })));
      return { marks, sx, sy };
    }
    case 'share-bar': {
      const sx = d3.scaleLinear([0, 100], [M.left, W - M.right]);
      let acc = 0;
      const marks = d.parts.map((p) => { const m = { key: p.name, shape: 'rect', x: sx(acc), w: sx(acc + p.share) - sx(acc), y: H / 2 - 40, h: 80, fill: colour(p.name), dim: hi && !hi.includes(p.name) }; acc += p.share; return m; });
      return { marks, sx, sy: null };
    }
    case 'hbars':
    case 'bars': {
      const sx = d3.scaleBand(d.rows.map((r) => r.name), [M.left, W - M.right]).padding(0.2);
      const sy = d3.scaleLinear([0, d3.max(d.rows, (r) => r.value) || 1], [H - M.bottom, M.top]).nice();
      return { marks: d.rows.map((r) => ({ key: r.name, shape: 'rect', x: sx(r.name), w: sx.bandwidth(), y: sy(r.value), h: sy(0) - sy(r.value), fill: colour(r.name), dim: hi && !hi.includes(r.name) })), sx, sy };
    }
    case 'dot-plot': {
      const sx = d3.scaleBand(d.rows.map((r) => r.name), [M.left, W - M.right]).padding(0.2);
      const sy = d3.scaleLinear([0, d3.max(d.rows, (r) => Math.max(r.claimed, r.measured / 1e6)) || 1], [H - M.bottom, M.top]).nice();
      const marks = d.rows.flatMap((r) => [
        { key: `${r.name}:claimed`, shape: 'circle', x: sx(r.name) + sx.bandwidth() / 3, y: sy(r.claimed), r: 7, fill: '#888', dim: hi && !hi.includes(r.name) },
        { key: `${r.name}:measured`, shape: 'circle', x: sx(r.name) + (2 * sx.bandwidth()) / 3, y: sy(r.measured / 1e6), r: 7, fill: colour(r.name), dim: hi && !hi.includes(r.name) },
      ]);
      return { marks, sx, sy };
    }
    default: return { marks: [], sx: null, sy: null };
  }
}

let data;
function show(step) {
  const chart = data.charts.find((c) => c.id === step.dataset.chart) ?? data.charts[0];
  const { marks, sx, sy } = marksOf(chart, step);
  title.text(chart.title ?? chart.data.headline ?? '');
  const t = T();
  for (const shape of ['rect', 'circle']) {
    plot.selectAll(shape).data(marks.filter((m) => m.shape === shape), (m) => m.key).join(
      (enter) => enter.append(shape).attr('opacity', 0),
      (update) => update,
      (exit) => exit.call((e) => e.transition(t).attr('opacity', 0).remove()),
    ).call((s) => {
      const tr = s.transition(t).attr('fill', (m) => m.fill).attr('opacity', (m) => (m.dim ? 0.25 : 1));
      if (shape === 'rect') tr.attr('x', (m) => m.x).attr('y', (m) => m.y).attr('width', (m) => Math.max(0, m.w)).attr('height', (m) => Math.max(0, m.h));
      else tr.attr('cx', (m) => m.x).attr('cy', (m) => m.y).attr('r', (m) => m.r);
    });
  }
  const bandTicks = (s) => (s.domain().length > 12 ? s.domain().filter((v, i) => i % 5 === 0) : s.domain());
  xAxis.transition(t).call(sx ? (sx.bandwidth ? d3.axisBottom(sx).tickValues(bandTicks(sx)) : d3.axisBottom(sx).ticks(6, 'd')) : () => {});
  yAxis.transition(t).call(sy ? d3.axisLeft(sy).ticks(5) : () => {});
  document.documentElement.dataset.step = step.id;
}

fetch(document.querySelector('#chart').dataset.src).then((r) => r.json()).then((d) => {
  data = d;
  show(document.querySelector('.step'));
  scrollama().setup({ step: '.step', offset: 0.6 }).onStepEnter(({ element }) => show(element));
});
