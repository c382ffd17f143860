/** WGS84 lon/lat -> ETRS-GK25FIN (EPSG:3879) easting/northing in metres; loaded on demand. */
import proj4 from 'proj4';

const GK25 =
  '+proj=tmerc +lat_0=0 +lon_0=25 +k=1 +x_0=25500000 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';
const toGk25 = proj4('EPSG:4326', GK25);

export function toEpsg3879(lngLat: [number, number]): { e: number; n: number } {
  const [e, n] = toGk25.forward(lngLat);
  return { e: e!, n: n! };
}
