/** The plot form's fields and choices, mirroring the server's validation (server/staff/fields.ts). */
export const USE_CODES = ['K', 'KL', 'KM', 'KT', 'KTY', 'T', 'TT', 'TV', 'TY', 'T/kem', 'C', 'P', 'LTA'];
export const CHOICES: Record<string, string[]> = {
  use_code: USE_CODES,
  availability: ['available', 'draw', 'reserved', 'leased', 'coming'],
  allocation_method: ['lease', 'sale', 'draw', 'competition', 'direct'],
  tenure: ['lease', 'sale'],
  plan_state: ['valid', 'pending'],
};
export const BOOLEAN_FIELDS = ['registered', 'building_prohibition'];
export const DATE_FIELDS = ['draw_ends_on', 'earliest_construction_on'];
export const NUMBER_FIELDS = [
  'building_right_kem2',
  'sale_price_eur',
  'lease_basis_eur_kem2',
  'build_obligation_years',
];
export const FORM_FIELDS = [
  'property_id',
  'address',
  'postal_code',
  'use_code',
  'building_right_kem2',
  'plan_number',
  'plan_state',
  'registered',
  'availability',
  'draw_ends_on',
  'allocation_method',
  'tenure',
  'sale_price_eur',
  'lease_basis_eur_kem2',
  'build_obligation_years',
  'earliest_construction_on',
  'building_prohibition',
  'plan_regulations_url',
  'notes',
];

/** A quick check before sending (the server decides); returns a problem code or null. */
export function checkField(field: string, value: string): string | null {
  const v = value.trim();
  if (!v) return field === 'property_id' || field === 'use_code' ? 'required' : null;
  if (field === 'property_id' && !/^(\d{1,3}-\d{1,3}-\d{1,4}-\d{1,4}|\d{14})$/.test(v))
    return 'invalid_property_id';
  if (NUMBER_FIELDS.includes(field) && !/^-?[\d\s]+([.,]\d+)?$/.test(v)) return 'invalid_number';
  if (field === 'plan_number' && !/^\d{3,6}$/.test(v)) return 'invalid_plan_number';
  if (field === 'postal_code' && !/^\d{5}$/.test(v)) return 'invalid_postal_code';
  if (field === 'plan_regulations_url' && !/^https?:\/\/\S+$/.test(v)) return 'invalid_url';
  return null;
}
