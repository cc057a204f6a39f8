ALTER TABLE `indicators` ADD `retired_at` text;--> statement-breakpoint
ALTER TABLE `indicators` ADD `retired_reason` text;