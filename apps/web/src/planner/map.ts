/**
 * @module planner/map
 * The planner's MapLibre map, drawn only from our server: the sea as the background, land by
 * country from geodata's polygons, the hillshade MapLibre computes from our Terrain-RGB tiles,
 * the North and the DMZ tinted from geodata's classifier, the MDL and the sea divide (NLL), and
 * populated places. No glyphs are needed (labels are HTML markers), so no font is fetched.
 */
import {
  AttributionControl,
  Map as MapLibreMap,
  Marker,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
  type ImageSource,
  type StyleSpecification,
} from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { Box, Info } from './api.ts';
import { t } from './i18n.ts';

// The worker script is one of our own files (Vite copies it); MapLibre would otherwise look for it
// beside its own module, which the bundle does not keep.
setWorkerUrl(workerUrl);

const corners = (
  b: Box,
): [[number, number], [number, number], [number, number], [number, number]] => [
  [b.west, b.north],
  [b.east, b.north],
  [b.east, b.south],
  [b.west, b.south],
];

function style(info: Info): StyleSpecification {
  const origin = location.origin;
  return {
    version: 8,
    sources: {
      dem: {
        type: 'raster-dem',
        tiles: [`${origin}${info.dem.tiles}`],
        tileSize: info.dem.tileSize,
        maxzoom: info.dem.maxzoom,
        bounds: info.dem.bounds,
        encoding: 'mapbox',
      },
      borders: { type: 'geojson', data: `${origin}/api/planner/borders.geojson` },
      places: { type: 'geojson', data: `${origin}/api/planner/places.geojson` },
      sides: {
        type: 'image',
        url: `${origin}/api/planner/sides.png`,
        coordinates: corners(info.sidesBox),
      },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': '#b7d3e9' } },
      {
        id: 'land',
        type: 'fill',
        source: 'borders',
        filter: ['==', ['get', 'kind'], 'land'],
        paint: {
          'fill-color': [
            'match',
            ['get', 'country'],
            'KOR',
            '#f6f3ea',
            'PRK',
            '#f3eee6',
            '#e6e3dc',
          ],
        },
      },
      {
        id: 'hillshade',
        type: 'hillshade',
        source: 'dem',
        paint: {
          'hillshade-exaggeration': 0.6,
          'hillshade-shadow-color': '#5b5146',
          'hillshade-highlight-color': '#ffffff',
          'hillshade-accent-color': '#6d6256',
        },
      },
      { id: 'sides', type: 'raster', source: 'sides', paint: { 'raster-opacity': 1 } },
      {
        id: 'coast',
        type: 'line',
        source: 'borders',
        filter: ['==', ['get', 'kind'], 'land'],
        paint: { 'line-color': '#5f7488', 'line-width': 0.7 },
      },
      {
        id: 'nll',
        type: 'line',
        source: 'borders',
        filter: ['==', ['get', 'kind'], 'sea-divide'],
        paint: { 'line-color': '#a01818', 'line-width': 1.5, 'line-dasharray': [3, 2] },
      },
      {
        id: 'mdl',
        type: 'line',
        source: 'borders',
        filter: ['==', ['get', 'kind'], 'mdl'],
        paint: { 'line-color': '#a01818', 'line-width': 2.2 },
      },
      {
        id: 'places',
        type: 'circle',
        source: 'places',
        paint: {
          'circle-color': ['match', ['get', 'country'], 'KP', '#7a1f1f', '#1f3f7a'],
          'circle-radius': [
            'interpolate',
            ['linear'],
            ['get', 'population'],
            1000,
            1.5,
            3000000,
            7,
          ],
          'circle-stroke-color': '#fff',
          'circle-stroke-width': 0.8,
        },
      },
    ],
  };
}

export interface PlannerMap {
  map: MapLibreMap;
  /** Shows a result layer image over `bounds` (null removes it). */
  showLayer(url: string | null, bounds?: Box): void;
  setLayerOpacity(opacity: number): void;
}

const COVERAGE = 'coverage';

export async function createMap(container: HTMLElement, info: Info): Promise<PlannerMap> {
  const map = new MapLibreMap({
    container,
    style: style(info),
    center: [126.9, 38.2],
    zoom: 6.6,
    minZoom: 4,
    maxZoom: 13,
    attributionControl: false,
    // Keyboard panning and zooming stay on (MapLibre's default); the canvas gets a label.
  });
  map.getCanvas().setAttribute('aria-label', t('mapLabel'));
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
  map.addControl(
    new AttributionControl({
      compact: true,
      customAttribution: [
        'Land © OpenStreetMap contributors (ODbL)',
        'Places © GeoNames (CC BY 4.0)',
        'Terrain SRTM30_PLUS',
      ],
    }),
  );
  await new Promise<void>((resolve) => map.once('load', () => resolve()));
  let opacity = 0.75;
  return {
    map,
    showLayer(url, bounds) {
      if (map.getLayer(COVERAGE)) map.removeLayer(COVERAGE);
      if (map.getSource(COVERAGE)) map.removeSource(COVERAGE);
      if (!url || !bounds) return;
      map.addSource(COVERAGE, { type: 'image', url, coordinates: corners(bounds) });
      map.addLayer(
        {
          id: COVERAGE,
          type: 'raster',
          source: COVERAGE,
          paint: {
            'raster-opacity': opacity,
            'raster-resampling': 'nearest',
            'raster-fade-duration': 0,
          },
        },
        'coast',
      );
    },
    setLayerOpacity(value) {
      opacity = value;
      if (map.getLayer(COVERAGE)) map.setPaintProperty(COVERAGE, 'raster-opacity', value);
    },
  };
}

/** An HTML marker: a dot (site, jammer, place, point) with a text label beside it. */
export function labelMarker(
  kind: 'site' | 'jammer' | 'place' | 'point' | 'farthest',
  label: string,
  options: { draggable?: boolean; title?: string } = {},
): Marker {
  const el = document.createElement('div');
  el.className = `marker marker-${kind}`;
  const dot = document.createElement('span');
  dot.className = 'dot';
  const text = document.createElement('span');
  text.className = 'label';
  text.textContent = label;
  el.append(dot, text);
  if (options.title) el.title = options.title;
  return new Marker({
    element: el,
    draggable: options.draggable ?? false,
    anchor: 'left',
    offset: [-6, 0],
  });
}

export type { ImageSource };
