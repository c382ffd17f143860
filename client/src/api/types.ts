/** Shapes of the JSON API the app reads (see the API contract in the README). */
import type { Availability, Tenure, UseClass } from '../../../shared/filter.ts';
import type { ClientBasemap } from '../map/background.ts';

export interface AppConfig {
  basemapStyleUrl: string;
  /** Backgrounds and overlays the map offers, the built-in map first (older servers: absent). */
  basemaps?: ClientBasemap[];
  dataVersion: string | number;
  bounds: [number, number, number, number];
  /** Business areas holding published plots (older servers: absent). */
  startBounds?: [number, number, number, number];
  center: [number, number];
  zoom: number;
  demo: boolean;
  licences: Array<
    | string
    | {
        name?: string;
        title?: string;
        licence?: string;
        license?: string;
        attribution?: string;
        url?: string;
      }
  >;
}

export interface NamedArea {
  number: number;
  name_fi: string;
  name_sv: string;
}

export interface PlotListItem {
  id: number;
  property_id: string;
  block_plot: string;
  address: string | null;
  use_code: string;
  use_class: UseClass;
  availability: Availability;
  area_m2: number | null;
  building_right_kem2: number | null;
  price_eur_kem2: number | null;
  tenure: Tenure;
  sub_district: NamedArea | null;
  center: [number, number];
  is_demo: boolean;
}

export interface PlotPage {
  items: PlotListItem[];
  total: number;
  next_cursor: string | null;
}

export interface Contact {
  id?: number;
  kind?: string;
  role?: string;
  title?: string;
  title_fi?: string;
  title_sv?: string;
  title_en?: string;
  email?: string;
  phone?: string | null;
  department?: { name_fi?: string; name_sv?: string; name_en?: string } | string | null;
  is_demo?: boolean;
}

export interface PlotCard {
  id: number;
  property_id: string;
  block_plot: string;
  address: string | null;
  postal_code: string | null;
  use_code: string;
  use_class: UseClass;
  area_m2: number | null;
  building_right_kem2: number | null;
  efficiency: number | null;
  plan_number: string | null;
  plan_state: 'valid' | 'pending';
  registered: boolean;
  availability: Availability;
  draw_ends_on: string | null;
  allocation_method: string | null;
  tenure: Tenure;
  sale_price_eur: number | null;
  lease_basis_eur_kem2: number | null;
  price_eur_kem2: number | null;
  build_obligation_years: number | null;
  earliest_construction_on: string | null;
  building_prohibition: boolean;
  transit_zone: { name_fi?: string; name_sv?: string; name_en?: string } | string | null;
  plan_regulations_url: string | null;
  notes: string | null;
  district: NamedArea | null;
  sub_district: NamedArea | null;
  bbox: [number, number, number, number];
  center: [number, number];
  geometry: GeoJSON.Geometry;
  contacts?: Contact[];
  is_demo: boolean;
}

export interface SubDistrict extends NamedArea {
  is_business_area: boolean;
  plot_count: number;
}
export interface District extends NamedArea {
  sub_districts: SubDistrict[];
}

export interface SearchResult {
  kind: 'plot' | 'address' | 'district' | 'sub_district' | 'plan' | 'coordinate';
  id?: number | string;
  plot_id?: number;
  label: string;
  sublabel?: string;
  bbox?: [number, number, number, number];
  center?: [number, number];
  score?: number;
}
