/**
 * @module planner/main
 * The planner page: a plan (opened from an example, edited in the side panel and on the map),
 * coverage jobs run on the server with live progress, the result layers on the map, the numbers
 * (people reached per layer, site and province; the farthest point), the link budget to any
 * point, and the exports.
 *
 * The plan is kept as the file format's object, exactly what the YAML holds, so the export is the
 * plan as edited and the server validates it with the same code as `tongilnet plan`.
 */
import type { Marker } from 'maplibre-gl';
import { h, replace, type Child } from '../shared/dom.ts';
import { storeLang, type Lang } from '../shared/i18n.ts';
import {
  ApiError,
  api,
  fileUrl,
  layerUrl,
  watchJob,
  type Info,
  type JobView,
  type RawEmitter,
  type RawPlan,
} from './api.ts';
import { profileChart } from './chart.ts';
import { lang, setLang, t, type PlannerKey } from './i18n.ts';
import { createMap, labelMarker, type PlannerMap } from './map.ts';
import './style.css';

let info: Info;
let pm: PlannerMap;
let plan: RawPlan = { name: '', sites: [], jammers: [] };
let job: JobView | undefined;
/** The job whose results are on screen (the last that finished). */
let shown: JobView | undefined;
let stopWatching: (() => void) | undefined;
let layerId = 'two-way';
let opacity = 0.75;
let adding: 'site' | 'jammer' | null = null;
let linkSite = 0;
let siteMarkers: Marker[] = [];
let jammerMarkers: Marker[] = [];
let extraMarkers: Marker[] = [];
let exampleId = '';

const root = document.getElementById('planner')!;
const alertEl = h('p', { class: 'alert', role: 'alert', id: 'planner-alert', hidden: true });
const planEl = h('section', { class: 'panel', id: 'plan-panel', 'aria-labelledby': 'plan-h' });
const runEl = h('section', { class: 'panel', id: 'run-panel' });
const resultsEl = h('section', {
  class: 'panel',
  id: 'results-panel',
  'aria-labelledby': 'results-h',
});
const linkEl = h('section', { class: 'panel', id: 'link-panel', 'aria-labelledby': 'link-h' });
const headerEl = h('header', { class: 'bar' });
const mapEl = h('div', { id: 'map' });

const LAYER_NAMES: Record<string, PlannerKey> = {
  'downlink-dbm': 'layerDownlink',
  'uplink-margin-db': 'layerUplink',
  'two-way': 'layerTwoWay',
  'best-server': 'layerBest',
  'sinr-db': 'layerSinr',
  'served-under-jamming': 'layerJam',
};
/** The engine's progress phases (coverage's runCoverage). */
const PHASES: Record<string, PlannerKey> = {
  terrain: 'phaseTerrain',
  loss: 'phaseLoss',
  combine: 'phaseCombine',
  people: 'phasePeople',
};
/** Summary layer ids (CoverageSummary.layers) for the map layers they count. */
const SUMMARY_OF: Record<string, string> = {
  'downlink-dbm': 'downlink',
  'uplink-margin-db': 'uplink',
  'two-way': 'two-way',
  'best-server': 'two-way',
  'sinr-db': 'sinr',
  'served-under-jamming': 'served-under-jamming',
};

const people = (n: number | undefined | null) =>
  n === undefined || n === null ? '—' : Math.round(n).toLocaleString(lang());
const fixed = (n: number, d = 1) => n.toFixed(d);

function showError(message: string): void {
  alertEl.textContent = message;
  alertEl.hidden = false;
}
function clearError(): void {
  alertEl.hidden = true;
}

function failure(error: unknown): void {
  if (error instanceof ApiError && error.issues.length > 0) {
    showError(error.issues.map((i) => `${i.path}: ${i.problem}`).join(' · '));
  } else {
    showError((error as Error).message);
  }
}

// ------------------------------------------------------------------------------------ header

function renderHeader(): void {
  const select = h('select', { id: 'example' });
  for (const e of info.examples) {
    select.append(
      h('option', { value: e.id, selected: e.id === exampleId }, `${e.id}.yaml — ${e.title}`),
    );
  }
  const other: Lang = lang() === 'ko' ? 'en' : 'ko';
  replace(
    headerEl,
    h('h1', {}, t('title')),
    h(
      'div',
      { class: 'row' },
      h('label', { for: 'example' }, t('example')),
      select,
      h(
        'button',
        { type: 'button', id: 'open-example', onclick: () => void openExample(select.value) },
        t('open'),
      ),
      h(
        'button',
        {
          type: 'button',
          id: 'planner-lang',
          lang: other,
          onclick: () => {
            setLang(other);
            storeLang(other);
            renderAll();
          },
        },
        t('language'),
      ),
    ),
  );
}

async function openExample(id: string): Promise<void> {
  clearError();
  try {
    const example = await api.example(id);
    if (example.kind === 'jammers') {
      // A list of jammers joins the current plan.
      plan.jammers = [...(plan.jammers ?? []), ...structuredClone(example.raw.jammers ?? [])];
    } else {
      plan = structuredClone(example.raw);
      exampleId = id;
      linkSite = 0;
      setJob(undefined);
    }
    renderPlan();
    renderMarkers();
    renderLinkPanel();
  } catch (error) {
    failure(error);
  }
}

// ------------------------------------------------------------------------------------ plan editor

type Field = HTMLInputElement | HTMLSelectElement;

function labelled(id: string, label: string, control: Field): HTMLElement {
  control.id = id;
  return h('label', { class: 'field', for: id }, h('span', {}, label), control);
}

function numberInput(
  value: number | undefined,
  onChange: (v: number) => void,
  attrs: Record<string, number | string> = {},
): HTMLInputElement {
  const input = h('input', { type: 'number', step: 'any', ...attrs });
  if (value !== undefined) input.value = String(value);
  input.addEventListener('change', () => {
    const v = Number(input.value);
    if (input.value !== '' && Number.isFinite(v)) onChange(v);
  });
  return input;
}

function wattsOf(e: RawEmitter): number | undefined {
  if (typeof e.powerW === 'number') return e.powerW;
  if (typeof e.powerDbm === 'number')
    return Math.round(10 ** ((e.powerDbm - 30) / 10) * 1000) / 1000;
  return undefined;
}

function technologySelect(
  id: string,
  value: string | undefined,
  withDefault: boolean,
  onChange: (v: string | undefined) => void,
) {
  const select = h('select', {});
  if (withDefault) select.append(h('option', { value: '', selected: !value }, t('planBand')));
  for (const tech of info.technologies) {
    select.append(
      h(
        'option',
        { value: tech.id, selected: tech.id === value },
        `${tech.id} (${tech.dlMHz} MHz)`,
      ),
    );
  }
  select.addEventListener('change', () => onChange(select.value || undefined));
  select.id = id;
  return select;
}

function emitterEditor(kind: 'site' | 'jammer', e: RawEmitter, index: number): HTMLElement {
  const p = `${kind}-${index}`;
  const antenna = (e.antenna ??= { type: 'omni', gainDbi: 0 });
  const sectorFields = h('div', { class: 'grid', hidden: antenna.type !== 'sector' });
  sectorFields.append(
    labelled(
      `${p}-beamwidth`,
      t('beamwidth'),
      numberInput(antenna.beamwidthDeg, (v) => (antenna.beamwidthDeg = v), { min: 1, max: 360 }),
    ),
    labelled(
      `${p}-azimuth`,
      t('azimuth'),
      numberInput(e.azimuthDeg ?? 0, (v) => (e.azimuthDeg = v), { min: 0, max: 360 }),
    ),
    labelled(
      `${p}-tilt`,
      t('tilt'),
      numberInput(e.tiltDeg ?? 0, (v) => (e.tiltDeg = v), { min: -10, max: 30 }),
    ),
  );
  const type = h('select', {});
  for (const v of ['omni', 'sector'] as const) {
    type.append(h('option', { value: v, selected: antenna.type === v }, t(v)));
  }
  type.addEventListener('change', () => {
    antenna.type = type.value;
    if (type.value === 'sector') {
      antenna.beamwidthDeg ??= 90;
      antenna.frontBackDb ??= 25;
    } else {
      delete antenna.beamwidthDeg;
      delete antenna.frontBackDb;
      delete e.azimuthDeg;
      delete e.tiltDeg;
    }
    renderPlan();
  });
  const name = h('input', { type: 'text', maxlength: 60 });
  name.value = e.name;
  name.addEventListener('change', () => {
    e.name = name.value.trim() || e.name;
    renderMarkers();
    renderLinkPanel();
  });
  const moveTo = async (lat: number, lon: number) => {
    if (kind === 'site' && !(await allowed(lat, lon))) {
      renderPlan();
      return;
    }
    e.lat = lat;
    e.lon = lon;
    renderMarkers();
  };
  const fields: Child[] = [
    labelled(`${p}-name`, t('name'), name),
    labelled(
      `${p}-lat`,
      'lat',
      numberInput(e.lat, (v) => void moveTo(v, e.lon), { min: 33, max: 43 }),
    ),
    labelled(
      `${p}-lon`,
      'lon',
      numberInput(e.lon, (v) => void moveTo(e.lat, v), { min: 124, max: 131 }),
    ),
    labelled(
      `${p}-height`,
      t('height'),
      numberInput(e.heightM, (v) => (e.heightM = v), { min: 0.5, max: 3000 }),
    ),
    labelled(
      `${p}-power`,
      t('power'),
      numberInput(
        wattsOf(e),
        (v) => {
          e.powerW = v;
          delete e.powerDbm;
        },
        { min: 0.001, max: 100000 },
      ),
    ),
  ];
  if (kind === 'site') {
    fields.push(
      labelled(
        `${p}-band`,
        t('band'),
        technologySelect(`${p}-band`, e.technology, true, (v) => {
          if (v) e.technology = v;
          else delete e.technology;
        }),
      ),
    );
  } else {
    fields.push(
      labelled(
        `${p}-freq`,
        t('frequency'),
        numberInput(e.frequencyMHz, (v) => (e.frequencyMHz = v), { min: 1, max: 100000 }),
      ),
      labelled(
        `${p}-bw`,
        t('bandwidth'),
        numberInput(e.bandwidthMHz, (v) => (e.bandwidthMHz = v), { min: 0.001, max: 10000 }),
      ),
      labelled(
        `${p}-duty`,
        t('duty'),
        numberInput(e.dutyCycle, (v) => (e.dutyCycle = v), { min: 0.001, max: 1, step: 0.05 }),
      ),
    );
  }
  fields.push(
    labelled(`${p}-antenna`, t('antenna'), type),
    labelled(
      `${p}-gain`,
      t('gain'),
      numberInput(antenna.gainDbi, (v) => (antenna.gainDbi = v), { min: -10, max: 40 }),
    ),
  );
  return h(
    'details',
    { class: `emitter ${kind}`, 'data-name': e.name },
    h('summary', {}, e.name),
    h('div', { class: 'grid' }, ...fields),
    sectorFields,
    h(
      'button',
      {
        type: 'button',
        class: 'danger',
        onclick: () => {
          const list = kind === 'site' ? plan.sites! : plan.jammers!;
          list.splice(index, 1);
          linkSite = Math.min(linkSite, Math.max(0, (plan.sites?.length ?? 1) - 1));
          renderPlan();
          renderMarkers();
          renderLinkPanel();
        },
      },
      t('remove'),
    ),
  );
}

function renderPlan(): void {
  const name = h('input', { type: 'text', maxlength: 120 });
  name.value = plan.name ?? '';
  name.addEventListener('change', () => (plan.name = name.value));
  const addButton = (what: 'site' | 'jammer', key: PlannerKey) =>
    h(
      'button',
      {
        type: 'button',
        id: `add-${what}`,
        'aria-pressed': adding === what ? 'true' : 'false',
        onclick: () => setAdding(adding === what ? null : what),
      },
      t(key),
    );
  replace(
    planEl,
    h('h2', { id: 'plan-h' }, t('plan')),
    labelled('plan-name', t('planName'), name),
    labelled(
      'plan-technology',
      t('technology'),
      technologySelect('plan-technology', plan.technology, false, (v) => {
        if (v) plan.technology = v;
      }),
    ),
    h('h3', {}, `${t('sites')} (${plan.sites?.length ?? 0})`),
    ...(plan.sites ?? []).map((s, i) => emitterEditor('site', s, i)),
    addButton('site', 'addSite'),
    h('h3', {}, `${t('jammers')} (${plan.jammers?.length ?? 0})`),
    ...(plan.jammers ?? []).map((j, i) => emitterEditor('jammer', j, i)),
    addButton('jammer', 'addJammer'),
    adding && h('p', { class: 'note', role: 'status' }, t('addHint')),
  );
}

function setAdding(what: 'site' | 'jammer' | null): void {
  adding = what;
  mapEl.classList.toggle('adding', what !== null);
  renderPlan();
}

/** Asks the server whether a site may stand here; shows why not. */
async function allowed(lat: number, lon: number): Promise<boolean> {
  clearError();
  const check = await api.checkSite(lat, lon);
  if (!check.allowed) showError(t('refused', { reason: check.reason ?? '' }));
  return check.allowed;
}

const round5 = (v: number) => Math.round(v * 1e5) / 1e5;

function renderMarkers(): void {
  for (const m of [...siteMarkers, ...jammerMarkers]) m.remove();
  siteMarkers = (plan.sites ?? []).map((site) => {
    const marker = labelMarker('site', site.name, { draggable: true, title: t('site') })
      .setLngLat([site.lon, site.lat])
      .addTo(pm.map);
    marker.on('dragend', () => {
      const to = marker.getLngLat();
      void allowed(to.lat, to.lng).then(
        (ok) => {
          if (ok) {
            site.lat = round5(to.lat);
            site.lon = round5(to.lng);
            renderPlan();
          } else {
            marker.setLngLat([site.lon, site.lat]); // back where it stood
          }
        },
        (error: unknown) => {
          marker.setLngLat([site.lon, site.lat]);
          failure(error);
        },
      );
    });
    return marker;
  });
  jammerMarkers = (plan.jammers ?? []).map((jammer) => {
    const marker = labelMarker('jammer', jammer.name, { draggable: true, title: t('jammer') })
      .setLngLat([jammer.lon, jammer.lat])
      .addTo(pm.map);
    marker.on('dragend', () => {
      const to = marker.getLngLat();
      jammer.lat = round5(to.lat);
      jammer.lon = round5(to.lng);
      renderPlan();
    });
    return marker;
  });
}

async function onMapClick(lat: number, lon: number): Promise<void> {
  if (adding === 'site') {
    if (!(await allowed(lat, lon))) return;
    const n = (plan.sites ?? []).length + 1;
    (plan.sites ??= []).push({
      name: `Site ${n}`,
      lat: round5(lat),
      lon: round5(lon),
      heightM: 30,
      powerW: 40,
      antenna: { type: 'sector', gainDbi: 17, beamwidthDeg: 90, frontBackDb: 25 },
      azimuthDeg: 0,
      cableLossDb: 2,
    });
    setAdding(null);
    renderMarkers();
    renderLinkPanel();
    return;
  }
  if (adding === 'jammer') {
    const n = (plan.jammers ?? []).length + 1;
    const tech = info.technologies.find((x) => x.id === plan.technology);
    (plan.jammers ??= []).push({
      name: `Jammer ${n}`,
      lat: round5(lat),
      lon: round5(lon),
      heightM: 30,
      powerW: 100,
      antenna: { type: 'omni', gainDbi: 8 },
      frequencyMHz: tech?.dlMHz ?? 942.5,
      bandwidthMHz: 35,
      dutyCycle: 0.5,
    });
    setAdding(null);
    renderMarkers();
    return;
  }
  await showLink(lat, lon);
}

// ------------------------------------------------------------------------------------ jobs

/** A new plan: no job, no results. */
function setJob(next: JobView | undefined): void {
  job = next;
  shown = next?.status === 'done' ? next : undefined;
  renderRun();
  renderResults();
}

async function runCoverage(): Promise<void> {
  clearError();
  stopWatching?.();
  try {
    const submitted = await api.submit(plan);
    // The last results stay on screen until the new ones are there (or the run is cancelled).
    job = submitted;
    renderRun();
    stopWatching = watchJob(submitted.id, (update) => {
      job = update;
      renderRun();
      if (update.status === 'done' && shown?.id !== update.id) {
        shown = update;
        renderResults();
      }
      if (update.status === 'failed') showError(t('failed', { error: update.error ?? '' }));
    });
  } catch (error) {
    failure(error);
  }
}

function renderRun(): void {
  const running = job && (job.status === 'queued' || job.status === 'running');
  const p = job?.progress;
  const pct = p && p.total > 0 ? Math.floor((100 * p.done) / p.total) : 0;
  let text = '';
  if (job?.status === 'queued') text = t('queued');
  else if (job?.status === 'running') {
    const phase = PHASES[p?.phase ?? ''];
    text = t('running', { phase: phase ? t(phase) : (p?.phase ?? ''), pct });
  } else if (job?.status === 'done') text = t('done', { s: fixed(job.elapsedS) });
  else if (job?.status === 'failed') text = t('failed', { error: job.error ?? '' });
  else if (job?.status === 'cancelled') text = t('cancelled');
  replace(
    runEl,
    h(
      'div',
      { class: 'row' },
      h(
        'button',
        {
          type: 'button',
          class: 'primary',
          id: 'run',
          disabled: !!running,
          onclick: () => void runCoverage(),
        },
        t('run'),
      ),
      running &&
        h(
          'button',
          {
            type: 'button',
            id: 'cancel',
            onclick: () => void api.cancel(job!.id).catch(failure),
          },
          t('cancel'),
        ),
    ),
    running && h('progress', { id: 'progress', max: 100, value: pct, 'aria-label': t('run') }),
    h('p', { id: 'job-status', role: 'status' }, text),
  );
}

// ------------------------------------------------------------------------------------ results

function renderResults(): void {
  for (const m of extraMarkers) m.remove();
  extraMarkers = [];
  const job = shown;
  if (!job || !job.summary || !job.layers || !job.bounds) {
    pm.showLayer(null);
    replace(
      resultsEl,
      h('h2', { id: 'results-h' }, t('results')),
      h('p', { class: 'note' }, t('noResults')),
    );
    return;
  }
  const done = job;
  const summary = done.summary!;
  if (!done.layers!.some((l) => l.id === layerId)) layerId = done.layers![0]!.id;
  pm.showLayer(layerUrl(done.id, layerId), done.bounds);
  const legend = h('ul', { class: 'legend', 'aria-label': t('legend') });
  const fillLegend = () => {
    const layer = done.layers!.find((l) => l.id === layerId)!;
    replace(
      legend,
      ...layer.legend.map((e) =>
        h(
          'li',
          {},
          h('span', {
            class: 'swatch',
            style: undefined,
            'data-color': `rgba(${e.color[0]},${e.color[1]},${e.color[2]},${(e.color[3]! / 255).toFixed(2)})`,
          }),
          e.label,
        ),
      ),
    );
    // Colours set through the CSSOM (the page's CSP allows no inline style attributes).
    for (const swatch of legend.querySelectorAll<HTMLElement>('.swatch')) {
      swatch.style.background = swatch.dataset.color!;
    }
  };
  fillLegend();
  const radios = h(
    'fieldset',
    { class: 'layers' },
    h('legend', {}, t('layer')),
    ...done.layers!.map((l) =>
      h(
        'label',
        { class: 'check' },
        h('input', {
          type: 'radio',
          name: 'layer',
          value: l.id,
          id: `layer-${l.id}`,
          checked: l.id === layerId,
          onchange: () => {
            layerId = l.id;
            pm.showLayer(layerUrl(done.id, layerId), done.bounds);
            fillLegend();
          },
        }),
        ` ${t(LAYER_NAMES[l.id] ?? 'layer')}`,
      ),
    ),
  );
  const slider = h('input', { type: 'range', min: 0, max: 1, step: 0.05, id: 'opacity' });
  slider.value = String(opacity);
  slider.addEventListener('input', () => {
    opacity = Number(slider.value);
    pm.setLayerOpacity(opacity);
  });
  pm.setLayerOpacity(opacity);

  const twoWay = summary.layers.find((l) => l.id === 'two-way');
  const provinceKo = new Map(info.provinces.map((p) => [p.en, p.ko]));
  const provinces = Object.entries(twoWay?.people?.byProvince ?? {}).sort((a, b) => b[1] - a[1]);
  const farthest = summary.sites
    .filter((s) => s.farthestNorth)
    .sort((a, b) => (b.farthestNorth!.depthKm ?? 0) - (a.farthestNorth!.depthKm ?? 0))[0];
  if (farthest?.farthestNorth) {
    const f = farthest.farthestNorth;
    extraMarkers.push(
      labelMarker('farthest', `${fixed(f.depthKm ?? 0)} km`, { title: t('farthest') })
        .setLngLat([f.lon, f.lat])
        .addTo(pm.map),
    );
  }
  const table = (head: string[], rows: Child[][], id: string) =>
    h(
      'table',
      { id },
      h('thead', {}, h('tr', {}, ...head.map((x) => h('th', { scope: 'col' }, x)))),
      h(
        'tbody',
        {},
        ...rows.map((r) =>
          h(
            'tr',
            {},
            ...r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', {}, c))),
          ),
        ),
      ),
    );
  const files = (done.files ?? []).filter((f) => f.startsWith(`${layerId}.`));
  const download = (name: string, label: string) =>
    h('a', { href: fileUrl(done.id, name), download: '', class: 'download' }, label);
  replace(
    resultsEl,
    h('h2', { id: 'results-h' }, t('results')),
    h(
      'p',
      { class: 'headline' },
      h('span', {}, t('peopleTotal')),
      h(
        'strong',
        { id: 'people-reached', 'data-value': String(Math.round(twoWay?.people?.total ?? 0)) },
        people(twoWay?.people?.total),
      ),
    ),
    radios,
    labelled('opacity', t('opacity'), slider),
    legend,
    h('h3', {}, t('perLayer')),
    table(
      [t('layer'), t('areaKm2'), t('people')],
      summary.layers.map((l) => [
        t(
          LAYER_NAMES[Object.keys(SUMMARY_OF).find((k) => SUMMARY_OF[k] === l.id) ?? ''] ?? 'layer',
        ),
        fixed(l.northAreaKm2, 0),
        people(l.people?.total),
      ]),
      'per-layer',
    ),
    h('h3', {}, t('perSite')),
    table(
      [t('site'), t('areaKm2'), t('people')],
      summary.sites.map((s) => [s.name, fixed(s.northAreaKm2, 0), people(s.people?.total)]),
      'per-site',
    ),
    provinces.length > 0 && h('h3', {}, t('perProvince')),
    provinces.length > 0 &&
      table(
        [t('perProvince'), t('people')],
        provinces.map(([en, n]) => [lang() === 'ko' ? (provinceKo.get(en) ?? en) : en, people(n)]),
        'per-province',
      ),
    farthest?.farthestNorth &&
      h(
        'p',
        { id: 'farthest' },
        h('strong', {}, `${t('farthest')}: `),
        t('farthestLine', {
          site: farthest.name,
          km: fixed(farthest.farthestNorth.distanceKm),
          depth: fixed(farthest.farthestNorth.depthKm ?? 0),
        }),
      ),
    summary.population &&
      h('p', { class: 'note' }, t('populationNote', { label: summary.population.label })),
    h('h3', {}, t('exports')),
    h(
      'div',
      { class: 'exports' },
      h(
        'button',
        { type: 'button', id: 'export-plan', onclick: () => void exportPlan() },
        t('exportPlan'),
      ),
      ...files.map((f) =>
        download(
          f,
          f.endsWith('.tif') ? `${t('geotiff')} (${layerId})` : `${t('png')} (${layerId})`,
        ),
      ),
      download('coverage.kmz', t('kmz')),
      download('contours.geojson', t('geojson')),
      download('summary.json', t('summary')),
    ),
  );
}

async function exportPlan(): Promise<void> {
  const { stringify } = await import('yaml');
  const text = `# ${plan.name ?? 'plan'}: exported from the Tongilnet planner\n${stringify(plan)}`;
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const a = h('a', { href: url, download: `${exampleId || 'plan'}.yaml` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// ------------------------------------------------------------------------------------ link budget

let linkResult: Child = null;
let linkMarker: Marker | undefined;

function renderLinkPanel(): void {
  const select = h('select', { id: 'link-site' });
  (plan.sites ?? []).forEach((s, i) =>
    select.append(h('option', { value: String(i), selected: i === linkSite }, s.name)),
  );
  select.addEventListener('change', () => (linkSite = Number(select.value)));
  replace(
    linkEl,
    h('h2', { id: 'link-h' }, t('link')),
    labelled('link-site', t('linkFrom'), select),
    h('p', { class: 'note' }, t('linkHint')),
    h('div', { id: 'link-result', 'aria-live': 'polite' }, linkResult),
  );
}

async function showLink(lat: number, lon: number): Promise<void> {
  if (!plan.sites?.length) return;
  clearError();
  linkMarker?.remove();
  linkMarker = labelMarker('point', '').setLngLat([lon, lat]).addTo(pm.map);
  try {
    const link = await api.link(plan, linkSite, lat, lon);
    const b = link.budget;
    const dir = (name: PlannerKey, d: typeof b.downlink) =>
      h(
        'li',
        { class: d.marginDb >= 0 ? 'ok' : 'bad' },
        `${t(name)} ${fixed(d.frequencyMhz)} MHz: ${d.metric} ${fixed(d.levelDbm)} dBm / ${fixed(d.thresholdDbm)} dBm — ${t('margin')} ${fixed(d.marginDb)} dB`,
      );
    linkResult = h(
      'div',
      {},
      h(
        'p',
        {},
        h(
          'strong',
          {},
          t('linkTitle', {
            site: link.site,
            lat: lat.toFixed(4),
            lon: lon.toFixed(4),
            km: fixed(link.distanceKm, 2),
          }),
        ),
      ),
      h(
        'p',
        { id: 'link-verdict', class: b.twoWay ? 'ok' : 'bad' },
        b.twoWay
          ? t('twoWayYes')
          : t('twoWayNo', {
              why:
                b.limitingDirection === 'range'
                  ? t('range')
                  : t(b.limitingDirection === 'uplink' ? 'uplink' : 'downlink'),
            }),
      ),
      h('ul', { class: 'budget' }, dir('downlink', b.downlink), dir('uplink', b.uplink)),
      h(
        'p',
        { class: 'note' },
        `${link.model.toUpperCase()}${link.propagation ? ` (${link.propagation})` : ''} · ${link.clearance.obstructed ? t('obstructed') : t('clear')} · ${t('range')} ${fixed(b.range.distanceM / 1000)} / ${fixed(b.range.maxRangeM / 1000)} km`,
      ),
      profileChart(link.chart, t('profile')),
    );
    renderLinkPanel();
    linkEl.scrollIntoView({ block: 'nearest' });
  } catch (error) {
    failure(error);
  }
}

// ------------------------------------------------------------------------------------ places

/**
 * Names and populations of the larger places as HTML labels (no map font needed). Which show
 * depends on the zoom: the tier of each label is set once, the map's container says the zoom band.
 */
async function addPlaceLabels(): Promise<void> {
  const response = await fetch('/api/planner/places.geojson');
  const fc = (await response.json()) as {
    features: Array<{
      properties: { name: string; population: number; country: string };
      geometry: { coordinates: [number, number] };
    }>;
  };
  const compact = new Intl.NumberFormat(lang(), { notation: 'compact', maximumFractionDigits: 1 });
  for (const f of fc.features) {
    const n = f.properties.population;
    if (n < 20_000) continue;
    const tier = n >= 500_000 ? 1 : n >= 100_000 ? 2 : 3;
    const marker = labelMarker('place', `${f.properties.name} ${compact.format(n)}`)
      .setLngLat(f.geometry.coordinates)
      .addTo(pm.map);
    marker.getElement().dataset.tier = String(tier);
    marker.getElement().classList.add(f.properties.country === 'KP' ? 'north' : 'south');
  }
  const band = () => {
    const z = pm.map.getZoom();
    mapEl.dataset.zoomBand = z < 7 ? '1' : z < 8.5 ? '2' : '3';
  };
  band();
  pm.map.on('zoomend', band);
}

// ------------------------------------------------------------------------------------ start

function renderAll(): void {
  document.title = t('title');
  renderHeader();
  renderPlan();
  renderRun();
  renderResults();
  renderLinkPanel();
}

async function start(): Promise<void> {
  storeLang(lang());
  const side = h('aside', { class: 'side' }, alertEl, runEl, resultsEl, planEl, linkEl);
  replace(
    root,
    headerEl,
    h('div', { class: 'layout' }, side, h('main', { class: 'map-wrap' }, mapEl)),
  );
  info = await api.info();
  pm = await createMap(mapEl, info);
  pm.map.on('click', (event) => void onMapClick(event.lngLat.lat, event.lngLat.lng));
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && adding) setAdding(null);
  });
  void addPlaceLabels();
  exampleId = info.defaultExample;
  renderAll();
  if (info.examples.some((e) => e.id === exampleId)) await openExample(exampleId);
}

start().catch((error: unknown) => {
  root.append(h('p', { class: 'alert', role: 'alert' }, (error as Error).message));
});
