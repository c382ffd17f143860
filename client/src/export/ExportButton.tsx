// Owned by the export feature: exports the current filter / selection from the list.
export interface ExportButtonProps {
  /** The current filter as query parameters (shared/filter.ts filterToParams). */
  filterParams: URLSearchParams;
  lang: 'fi' | 'sv' | 'en';
}

export function ExportButton(_props: ExportButtonProps) {
  return null;
}
