/** A small square plot (about 55 m x 50 m) around lon,lat, as a GeoJSON Polygon in CRS84. */
export function square(
  lon: number,
  lat: number,
  size = 0.0005,
): { type: 'Polygon'; coordinates: number[][][] } {
  const dx = size;
  const dy = size / 2;
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon - dx, lat - dy],
        [lon + dx, lat - dy],
        [lon + dx, lat + dy],
        [lon - dx, lat + dy],
        [lon - dx, lat - dy],
      ],
    ],
  };
}

let next = 1;
/** A property identifier no demo plot uses (district 040, blocks 7000+). */
export function freshPropertyId(): string {
  const n = next++;
  return `091-040-${String(7000 + Math.floor(Math.random() * 2000)).padStart(4, '0')}-${String(n).padStart(4, '0')}`;
}
