-- Carrying open deviations and action items into next year's DVO (decision 0025): a copy points at
-- its origin in last year's DVO. Existing rows are nobody's copy (null); at most one copy per origin
-- in a DVO, so carrying twice cannot happen.
ALTER TABLE `deviations` ADD `carried_from_id` integer REFERENCES `deviations`(`id`);--> statement-breakpoint
ALTER TABLE `meeting_items` ADD `carried_from_id` integer REFERENCES `meeting_items`(`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `deviations_carried` ON `deviations` (`dvo_id`,`carried_from_id`) WHERE carried_from_id IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `meeting_items_carried` ON `meeting_items` (`dvo_id`,`carried_from_id`) WHERE carried_from_id IS NOT NULL;
