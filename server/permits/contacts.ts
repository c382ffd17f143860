import type { Text } from './catalogue.ts';
import type { ContactRow } from './sql.ts';

export interface Contact {
  id: number;
  kind: 'key_account' | 'department';
  /** plot: staff assigned it to this plot; area: key customer manager of the sub-district; department: the default. */
  source: 'plot' | 'area' | 'department';
  title: Text;
  department: { id: string; names: Text; url: string | null } | null;
  email: string;
  phone: string | null;
  sub_district_number: number | null;
  is_demo: boolean;
}

export interface PlotContacts {
  /** Key customer managers first, then one responsible person per department (assigned ones first, then catalogue order). */
  list: Contact[];
  /** The contact for a department's permits, by department id; absent when none is known. */
  byDepartment: Map<string, Contact>;
}

function toContact(r: ContactRow): Contact {
  return {
    id: Number(r.id),
    kind: r.kind,
    source: r.assigned ? 'plot' : r.kind === 'key_account' ? 'area' : 'department',
    title: { fi: r.title_fi, sv: r.title_sv, en: r.title_en },
    department: r.department_id
      ? {
          id: r.department_id,
          names: {
            fi: r.department_name_fi ?? '',
            sv: r.department_name_sv ?? '',
            en: r.department_name_en ?? '',
          },
          url: r.department_url,
        }
      : null,
    email: r.email,
    phone: r.phone,
    sub_district_number: r.sub_district_number,
    is_demo: r.is_demo,
  };
}

/**
 * Picks a plot's contacts from the candidates (selectContactCandidates, assigned first): a
 * contact staff assigned to the plot wins over the area's key customer manager and over a
 * department's default person. No candidates give empty results.
 */
export function resolveContacts(rows: readonly ContactRow[]): PlotContacts {
  const contacts = rows.map(toContact);
  const assignedKeys = contacts.filter((c) => c.kind === 'key_account' && c.source === 'plot');
  const keyAccounts = assignedKeys.length ? assignedKeys : contacts.filter((c) => c.source === 'area');
  const byDepartment = new Map<string, Contact>();
  for (const c of contacts)
    if (c.kind === 'department' && c.department && !byDepartment.has(c.department.id))
      byDepartment.set(c.department.id, c);
  return { list: [...keyAccounts, ...byDepartment.values()], byDepartment };
}
