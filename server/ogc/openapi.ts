/** The OpenAPI 3.0 definition of the OGC API (served at /ogc/api). */
import { AVAILABILITIES, TENURES, USE_CLASSES, USE_CODES } from '../../shared/filter.ts';
import { SUPPORTED_CRS, CRS84 } from './crs.ts';
import { GEOJSON_TYPE, JSON_TYPE, OPENAPI_TYPE } from './documents.ts';
import { COLLECTIONS, ITEMS_LIMIT_DEFAULT, ITEMS_LIMIT_MAX } from './params.ts';
import { DISTRICT_PROPERTIES, PLOT_PROPERTIES, type PropertyType } from './queries.ts';

const q = (name: string, description: string, schema: object, extra: object = {}) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
  ...extra,
});

const list = (values: readonly string[]) => ({
  type: 'array',
  items: { type: 'string', enum: values },
});

const FILTER_PARAMETERS = [
  q('use_class', 'Use classes, comma-separated.', list(USE_CLASSES), { style: 'form', explode: false }),
  q('use_code', 'Zoning codes, comma-separated.', list(USE_CODES), { style: 'form', explode: false }),
  q('availability', 'Availability, comma-separated.', list(AVAILABILITIES), {
    style: 'form',
    explode: false,
  }),
  q('tenure', 'Tenure, comma-separated.', list(TENURES), { style: 'form', explode: false }),
  q('area_min', 'Smallest plot area, m².', { type: 'number', minimum: 0 }),
  q('area_max', 'Largest plot area, m².', { type: 'number', minimum: 0 }),
  q('building_right_min', 'Smallest building right, k-m².', { type: 'number', minimum: 0 }),
  q('building_right_max', 'Largest building right, k-m².', { type: 'number', minimum: 0 }),
  q('price_min', 'Lowest price, EUR per k-m².', { type: 'number', minimum: 0 }),
  q('price_max', 'Highest price, EUR per k-m².', { type: 'number', minimum: 0 }),
  q(
    'district',
    'District numbers, comma-separated.',
    { type: 'array', items: { type: 'integer' } },
    { style: 'form', explode: false },
  ),
  q(
    'sub_district',
    'Sub-district numbers, comma-separated.',
    { type: 'array', items: { type: 'integer' } },
    { style: 'form', explode: false },
  ),
  q('q', 'Free text: property identifier, address or plan number.', { type: 'string', maxLength: 200 }),
  q(
    'ids',
    'Plot ids, comma-separated.',
    { type: 'array', items: { type: 'integer' } },
    { style: 'form', explode: false },
  ),
  q('within', 'A GeoJSON Polygon or MultiPolygon in CRS84: plots intersecting it.', { type: 'string' }),
];

const crsUris = SUPPORTED_CRS.map((c) => c.uri);

const COMMON = {
  f: q('f', 'Output format.', { type: 'string', enum: ['json'] }),
  limit: q('limit', 'Number of features on a page.', {
    type: 'integer',
    minimum: 1,
    maximum: ITEMS_LIMIT_MAX,
    default: ITEMS_LIMIT_DEFAULT,
  }),
  bbox: q(
    'bbox',
    'minX,minY,maxX,maxY in the axis order of bbox-crs (CRS84: lon,lat).',
    { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } },
    { style: 'form', explode: false },
  ),
  bboxCrs: q('bbox-crs', 'CRS of bbox.', {
    type: 'string',
    format: 'uri',
    enum: crsUris,
    default: CRS84.uri,
  }),
  crs: q('crs', 'CRS of the returned geometries.', {
    type: 'string',
    format: 'uri',
    enum: crsUris,
    default: CRS84.uri,
  }),
  after: q('after', 'Page position (from a next link).', { type: 'integer' }),
  before: q('before', 'Page position (from a prev link).', { type: 'integer' }),
};

const jsonSchemaOf = (t: PropertyType) =>
  t === 'date' || t === 'date-time'
    ? { type: 'string', format: t, nullable: true }
    : { type: t, nullable: true };

const featureSchema = (props: ReadonlyArray<readonly [string, PropertyType, string]>) => ({
  type: 'object',
  required: ['type', 'geometry', 'properties'],
  properties: {
    type: { type: 'string', enum: ['Feature'] },
    id: { type: 'integer' },
    geometry: { type: 'object' },
    properties: {
      type: 'object',
      properties: Object.fromEntries(props.map(([n, t]) => [n, jsonSchemaOf(t)])),
    },
  },
});

const errorResponse = (description: string) => ({
  description,
  content: { [JSON_TYPE]: { schema: { $ref: '#/components/schemas/error' } } },
});

const jsonResponse = (description: string, type = JSON_TYPE, schema: object = { type: 'object' }) => ({
  description,
  content: { [type]: { schema } },
});

/** The whole definition; `base` is the absolute URL of /ogc. */
export function openApi(base: string) {
  const itemsPath = (id: string, filter: boolean) => ({
    get: {
      operationId: `get_${id}_items`,
      summary: `Features of ${id}`,
      tags: [id],
      parameters: [
        COMMON.limit,
        COMMON.bbox,
        COMMON.bboxCrs,
        COMMON.crs,
        COMMON.after,
        COMMON.before,
        COMMON.f,
        ...(filter ? FILTER_PARAMETERS : []),
      ],
      responses: {
        200: jsonResponse(`A page of ${id} as a GeoJSON FeatureCollection.`, GEOJSON_TYPE, {
          type: 'object',
          properties: {
            type: { type: 'string', enum: ['FeatureCollection'] },
            features: { type: 'array', items: { $ref: `#/components/schemas/${id}Feature` } },
            numberMatched: { type: 'integer' },
            numberReturned: { type: 'integer' },
            timeStamp: { type: 'string', format: 'date-time' },
            links: { type: 'array', items: { $ref: '#/components/schemas/link' } },
          },
        }),
        304: { description: 'Not modified since the ETag given.' },
        400: errorResponse('A parameter has a bad value; the error names it.'),
        406: errorResponse('None of the accepted media types can be produced.'),
      },
    },
  });
  const itemPath = (id: string) => ({
    get: {
      operationId: `get_${id}_item`,
      summary: `One feature of ${id}`,
      tags: [id],
      parameters: [
        { name: 'featureId', in: 'path', required: true, schema: { type: 'string' } },
        COMMON.crs,
        COMMON.f,
      ],
      responses: {
        200: jsonResponse('The feature.', GEOJSON_TYPE, { $ref: `#/components/schemas/${id}Feature` }),
        400: errorResponse('A parameter has a bad value.'),
        404: errorResponse('No such feature.'),
      },
    },
  });
  const doc = (operationId: string, summary: string, type = JSON_TYPE) => ({
    get: { operationId, summary, parameters: [COMMON.f], responses: { 200: jsonResponse(summary, type) } },
  });
  return {
    openapi: '3.0.3',
    info: {
      title: 'Tonttiluukku OGC API - Features',
      version: '1.0.0',
      description: "Helsinki's commercial, office and industrial plots (published plots only).",
      license: { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
    },
    servers: [{ url: base }],
    paths: {
      '/': doc('get_landing_page', 'Landing page'),
      '/conformance': doc('get_conformance', 'Conformance classes'),
      '/api': doc('get_api', 'This API definition', OPENAPI_TYPE),
      '/collections': doc('get_collections', 'Collections'),
      '/collections/{collectionId}': {
        get: {
          operationId: 'get_collection',
          summary: 'One collection',
          parameters: [
            {
              name: 'collectionId',
              in: 'path',
              required: true,
              schema: { type: 'string', enum: COLLECTIONS },
            },
            COMMON.f,
          ],
          responses: { 200: jsonResponse('The collection.'), 404: errorResponse('No such collection.') },
        },
      },
      '/collections/plots/items': itemsPath('plots', true),
      '/collections/plots/items/{featureId}': itemPath('plots'),
      '/collections/districts/items': itemsPath('districts', false),
      '/collections/districts/items/{featureId}': itemPath('districts'),
    },
    components: {
      schemas: {
        plotsFeature: featureSchema(PLOT_PROPERTIES),
        districtsFeature: featureSchema(DISTRICT_PROPERTIES),
        link: {
          type: 'object',
          required: ['href'],
          properties: {
            href: { type: 'string' },
            rel: { type: 'string' },
            type: { type: 'string' },
            title: { type: 'string' },
          },
        },
        error: {
          type: 'object',
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: { type: 'string' }, message: { type: 'string' }, value: {} },
            },
          },
        },
      },
    },
  };
}
