CREATE TABLE `norm_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dvo_id` integer NOT NULL,
	`indicator_id` integer NOT NULL,
	`version` integer NOT NULL,
	`norm` text NOT NULL,
	`margin` real,
	`source` text NOT NULL,
	`provisional` integer DEFAULT false NOT NULL,
	`effective_from` text NOT NULL,
	`reason` text NOT NULL,
	`recorded_by` integer,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`dvo_id`) REFERENCES `dvos`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `norm_versions_indicator_version` ON `norm_versions` (`indicator_id`,`version`);--> statement-breakpoint
CREATE INDEX `norm_versions_dvo` ON `norm_versions` (`dvo_id`,`recorded_at`);--> statement-breakpoint
-- Version 1 of every existing agreement: its catalogue entry, recorded no later than anything recorded
-- for its DVO (so an as-of view of any earlier moment finds it), provisional where the catalogue marks
-- the value as a placeholder. Figures and revisions are not touched.
INSERT INTO `norm_versions` (`dvo_id`, `indicator_id`, `version`, `norm`, `margin`, `source`, `provisional`, `effective_from`, `reason`, `recorded_by`, `recorded_at`)
SELECT i.`dvo_id`, i.`id`, 1,
	json_extract(i.`definition`, '$.norm'),
	json_extract(i.`definition`, '$.margin'),
	json_extract(i.`definition`, '$.source'),
	coalesce(json_extract(i.`definition`, '$.source.placeholder'), 0),
	d.`year` || '-01',
	'Catalogus',
	NULL,
	min(
		coalesce((SELECT min(`recorded_at`) FROM `imports` WHERE `dvo_id` = d.`id`), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
		coalesce((SELECT min(`recorded_at`) FROM `assessments` WHERE `dvo_id` = d.`id`), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
		coalesce((SELECT min(`as_of`) FROM `meetings` WHERE `dvo_id` = d.`id`), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
	)
FROM `indicators` i JOIN `dvos` d ON d.`id` = i.`dvo_id`;
