import type { Status } from '../../../shared/domain/statuses.ts';

/**
 * The fill of each status in every document (hex RGB without #), the hues of the app's badges, light
 * enough for black text; the status is always written beside its colour as well.
 */
export const STATUS_HEX: Record<Status, string> = {
  on_track: 'C6EFCE',
  attention: 'FFE8A3',
  off_track: 'F4C7C3',
  no_data: 'DDDDDD',
  not_due: 'FFFFFF',
  monitor: 'EEF2F7',
  qualitative: 'DDEBF7',
};
