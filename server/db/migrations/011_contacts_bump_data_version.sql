-- A plot card shows its contacts, and cards are cached and answered with ETags keyed on the
-- plots data version: a contact edited, assigned to a plot or unassigned must move that version
-- too, or clients would keep being told their stale card is current. Contact edits are rare,
-- so the tile caches emptying with them costs little.
CREATE TRIGGER contacts_bump_data_version AFTER INSERT OR UPDATE OR DELETE ON contacts
  FOR EACH STATEMENT EXECUTE FUNCTION plots_bump_data_version();
CREATE TRIGGER plot_contacts_bump_data_version AFTER INSERT OR UPDATE OR DELETE ON plot_contacts
  FOR EACH STATEMENT EXECUTE FUNCTION plots_bump_data_version();
CREATE TRIGGER departments_bump_data_version AFTER INSERT OR UPDATE OR DELETE ON departments
  FOR EACH STATEMENT EXECUTE FUNCTION plots_bump_data_version();
