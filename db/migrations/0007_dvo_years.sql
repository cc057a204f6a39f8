-- Next year's DVO (interface.md §7, decision 0024): a DVO is a draft until the beheerder activates it.
-- Every DVO that exists already is in use, so it is active.
ALTER TABLE `dvos` ADD `state` text DEFAULT 'active' NOT NULL;
