CREATE TABLE `deviation_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`deviation_id` integer NOT NULL,
	`at` text NOT NULL,
	`user_id` integer,
	`type` text NOT NULL,
	`from_state` text,
	`to_state` text NOT NULL,
	`note` text,
	`toelichting` text,
	`maatregel_text` text,
	`maatregel_owner` text,
	`maatregel_deadline` text,
	`first_period` text NOT NULL,
	`last_period` text NOT NULL,
	FOREIGN KEY (`deviation_id`) REFERENCES `deviations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deviation_events_thread` ON `deviation_events` (`deviation_id`,`at`);--> statement-breakpoint
CREATE TABLE `deviations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dvo_id` integer NOT NULL,
	`indicator_id` integer NOT NULL,
	`segment` text DEFAULT '' NOT NULL,
	`state` text NOT NULL,
	`toelichting` text,
	`maatregel_text` text,
	`maatregel_owner` text,
	`maatregel_deadline` text,
	`first_period` text NOT NULL,
	`last_period` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`dvo_id`) REFERENCES `dvos`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deviations_active` ON `deviations` (`dvo_id`,`indicator_id`,`segment`) WHERE state <> 'afgesloten';--> statement-breakpoint
CREATE INDEX `deviations_dvo` ON `deviations` (`dvo_id`,`indicator_id`,`segment`);--> statement-breakpoint
CREATE TABLE `meeting_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dvo_id` integer NOT NULL,
	`meeting_id` integer NOT NULL,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`owner` text,
	`deadline` text,
	`state` text NOT NULL,
	`deviation_id` integer,
	`created_at` text NOT NULL,
	`created_by` integer NOT NULL,
	`done_at` text,
	`done_by` integer,
	FOREIGN KEY (`dvo_id`) REFERENCES `dvos`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`deviation_id`) REFERENCES `deviations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`done_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meeting_items_dvo` ON `meeting_items` (`dvo_id`,`meeting_id`);--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dvo_id` integer NOT NULL,
	`type` text NOT NULL,
	`date` text NOT NULL,
	`period` text NOT NULL,
	`title` text,
	`attendees` text NOT NULL,
	`as_of` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer NOT NULL,
	FOREIGN KEY (`dvo_id`) REFERENCES `dvos`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meetings_dvo` ON `meetings` (`dvo_id`,`date`);