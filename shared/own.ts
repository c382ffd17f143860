/**
 * A table's entry for a key that came from outside (a request, a file, a stored row). A plain
 * `table[key]` also finds what every object inherits, so "constructor", "__proto__" or
 * "toString" would look like entries; only the table's own properties count here.
 */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
