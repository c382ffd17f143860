import { z } from 'zod';
import { audit } from '../audit/log.ts';
import type { Staff } from '../auth/guard.ts';
import type { Db } from '../db/index.ts';
import { badRequest, notFound } from '../http/errors.ts';
import { listPermitTypes } from './service.ts';
import * as sql from './sql.ts';

/** Staff side of the permits feature: assigning contacts to plots, editing the catalogue. */

export interface Actor {
  staff: Staff;
  ip: string | undefined;
}

/** A contact id from a path segment; 400 invalid_contact_id otherwise. */
export function parseContactId(raw: string): string {
  if (!/^[1-9][0-9]{0,17}$/.test(raw))
    throw badRequest('invalid_contact_id', 'Contact id must be a positive integer.', raw);
  return raw;
}

/** Every contact staff can assign, with how many plots each serves. */
export async function allContacts(db: Db) {
  const s = sql.selectAllContacts();
  const rows = await db.query<sql.StaffContactRow>(s.text, s.values);
  return {
    contacts: rows.map((r) => ({
      id: Number(r.id),
      code: r.code,
      kind: r.kind,
      title: { fi: r.title_fi, sv: r.title_sv, en: r.title_en },
      department: r.department_id
        ? {
            id: r.department_id,
            names: { fi: r.department_name_fi, sv: r.department_name_sv, en: r.department_name_en },
          }
        : null,
      email: r.email,
      phone: r.phone,
      sub_district_number: r.sub_district_number,
      is_demo: r.is_demo,
      plots: r.plots,
    })),
  };
}

async function mustExist(db: Db, plotId: string, contactId: string): Promise<{ kind: string }> {
  const p = sql.selectAnyPlot(plotId);
  if ((await db.query(p.text, p.values)).length === 0)
    throw notFound('plot_not_found', `No plot with id ${plotId}.`, plotId);
  const c = sql.selectContact(contactId);
  const [contact] = await db.query<{ kind: string }>(c.text, c.values);
  if (!contact) throw notFound('contact_not_found', `No contact with id ${contactId}.`, contactId);
  return contact;
}

/**
 * Assigns a contact to a plot (it then replaces the area manager or the department default on
 * the card). Idempotent: assigning twice changes nothing and logs once. 404 for an unknown plot
 * or contact.
 */
export async function assignContact(
  db: Db,
  plotId: string,
  contactId: string,
  by: Actor,
): Promise<{ created: boolean }> {
  const contact = await mustExist(db, plotId, contactId);
  return db.transaction(async (tx) => {
    const s = sql.insertPlotContact(plotId, contactId, contact.kind);
    const created = (await tx.query(s.text, s.values)).length > 0;
    if (created)
      await audit(tx, {
        userId: by.staff.id,
        actor: by.staff.email,
        action: 'plot.contact.assign',
        targetType: 'plot',
        targetId: plotId,
        ip: by.ip,
        details: { contact_id: Number(contactId) },
      });
    return { created };
  });
}

/** Removes an assignment; 404 assignment_not_found when there was none. */
export async function unassignContact(db: Db, plotId: string, contactId: string, by: Actor): Promise<void> {
  await mustExist(db, plotId, contactId);
  await db.transaction(async (tx) => {
    const s = sql.deletePlotContact(plotId, contactId);
    if ((await tx.query(s.text, s.values)).length === 0)
      throw notFound('assignment_not_found', 'The contact is not assigned to this plot.', contactId);
    await audit(tx, {
      userId: by.staff.id,
      actor: by.staff.email,
      action: 'plot.contact.unassign',
      targetType: 'plot',
      targetId: plotId,
      ip: by.ip,
      details: { contact_id: Number(contactId) },
    });
  });
}

const text = z
  .object({ fi: z.string().min(1).max(500), sv: z.string().min(1).max(500), en: z.string().min(1).max(500) })
  .strict();
const permitTypeEdit = z
  .object({
    typical_days: z
      .object({ min: z.number().int().min(0).max(3650), max: z.number().int().min(0).max(3650) })
      .strict()
      .refine((d) => d.max >= d.min, 'max must not be below min'),
    name: text,
    when: text,
    url: z.string().url().startsWith('https://').nullable(),
    attachments: z.array(text).max(30),
  })
  .partial()
  .strict();

/**
 * An admin edits a permit type; the edit survives restarts (the loader skips edited rows).
 * 400 invalid_permit_type naming the field, 404 permit_type_not_found. Returns the type as the
 * public API shows it.
 */
export async function editPermitType(db: Db, code: string, body: unknown, by: Actor) {
  const parsed = permitTypeEdit.safeParse(body);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    const field = i.path.join('.');
    const value = i.path.reduce<unknown>(
      (o, k) => (o as Record<string, unknown> | undefined)?.[k as string],
      body,
    );
    throw badRequest('invalid_permit_type', `${field || 'body'}: ${i.message}`, value ?? null, { field });
  }
  await db.transaction(async (tx) => {
    const s = sql.updatePermitType(code, parsed.data, by.staff.email);
    if ((await tx.query(s.text, s.values)).length === 0)
      throw notFound('permit_type_not_found', `No permit type '${code}'.`, code);
    await audit(tx, {
      userId: by.staff.id,
      actor: by.staff.email,
      action: 'permit_type.edit',
      targetType: 'permit_type',
      targetId: code,
      ip: by.ip,
      details: parsed.data,
    });
  });
  return (await listPermitTypes(db)).permit_types.find((p) => p.code === code)!;
}
