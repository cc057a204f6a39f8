-- Audit rows written with nothing before or after held the JSON text 'null' instead of SQL NULL
-- (the prepared audit insert of session 6 ran null through the json column's encoder).
UPDATE `audit_log` SET `before` = NULL WHERE `before` = 'null';
--> statement-breakpoint
UPDATE `audit_log` SET `after` = NULL WHERE `after` = 'null';
