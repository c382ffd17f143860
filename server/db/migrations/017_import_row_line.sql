-- The line of the file a row starts on (as a spreadsheet or editor numbers it, the CSV header
-- being line 1), so a problem can be found in the file; null for formats without lines.
ALTER TABLE import_rows ADD COLUMN line integer;
