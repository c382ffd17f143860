import proj4 from 'proj4';

/**
 * CRS definitions the project transforms between: EPSG:3879 (ETRS-GK25, the city's own data),
 * EPSG:3067 (ETRS-TM35FIN, national data) and EPSG:4326 (WGS 84, the web map). Coordinates are
 * always x,y (lon,lat / E,N).
 */
proj4.defs(
  'EPSG:3879',
  '+proj=tmerc +lat_0=0 +lon_0=25 +k=1 +x_0=25500000 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs',
);
proj4.defs('EPSG:3067', '+proj=utm +zone=35 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs');

export type Position = [number, number];

const to3879 = proj4('EPSG:4326', 'EPSG:3879');
const from3879 = proj4('EPSG:3879', 'EPSG:4326');

/** lon,lat (CRS84) -> easting,northing in ETRS-GK25 (EPSG:3879). */
export const lonLatTo3879 = (p: Position): Position => to3879.forward(p) as Position;
/** easting,northing in EPSG:3879 -> lon,lat (CRS84). */
export const gk25ToLonLat = (p: Position): Position => from3879.forward(p) as Position;

export { proj4 };
