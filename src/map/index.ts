/**
 * Map renderer shared by the task pane (canvas) and the CLI (SVG): d3-geo projection + topojson-client,
 * offline. No Node APIs here (see ./node for reading the boundary files).
 */
export {
  prepareBoundaries,
  parseTopology,
  englandProjection,
  fitView,
  zoomView,
  invertView,
  featureBounds,
  geometryBBox,
} from "./boundaries";
export type { MapBoundaries, MapFeature, PlanarGeometry, PrepareOptions, ViewTransform } from "./boundaries";
export {
  classify,
  classOfValue,
  palette,
  BLUES,
  HOTSPOT_COLOURS,
  MISSING_COLOUR,
  alignToFeatures,
  choroplethColours,
  hotspotColours,
  decileColours,
  lsoaColours,
  formatNumber,
} from "./classify";
export type { Classes, Colouring, LegendItem, ChoroplethOptions } from "./classify";
export { buildMapData, mapDataFromResult, lsoasIn, regionsOf, LA_STATS } from "./data";
export type {
  MapData,
  MapLsoaData,
  MapLaData,
  MapMeasure,
  MapGeography,
  MeasureColumns,
  LaStat,
  ResultLike,
} from "./data";
export {
  laChoropleth,
  hotspotColouring,
  lsoaDecileColouring,
  lsoaIndicesIn,
  ladIndicesIn,
  dualColouring,
  laDualShareColouring,
  DUAL_COLOUR,
} from "./views";
export { renderSvg } from "./svg";
export type { SvgOptions } from "./svg";
export { canvasLayer, renderCanvas } from "./canvas";
export type { CanvasLayer, CanvasDrawOptions } from "./canvas";
export { featureAt, geometryContains } from "./hit";
