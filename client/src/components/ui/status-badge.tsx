import { STATUS_LABEL, type Status } from '../../../../shared/domain/statuses.ts';

export { STATUS_LABEL };

/** A shape per status, so the status never depends on colour alone (WCAG 1.4.1). */
export function StatusIcon({ status }: { status: Status }) {
  return (
    <svg className="status-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {status === 'on_track' && (
        <>
          <circle cx="8" cy="8" r="7.5" fill="currentColor" />
          <path d="M4.2 8.3 6.9 11l4.9-5.4" fill="none" stroke="#fff" strokeWidth="2" />
        </>
      )}
      {status === 'attention' && (
        <>
          <path d="M8 .8 15.5 15H.5Z" fill="currentColor" />
          <path d="M8 5.5v4.8M8 11.6v1.6" stroke="#fff" strokeWidth="1.8" />
        </>
      )}
      {status === 'off_track' && (
        <>
          <path d="M4.7.5h6.6l4.2 4.2v6.6l-4.2 4.2H4.7L.5 11.3V4.7Z" fill="currentColor" />
          <path d="m5 5 6 6M11 5l-6 6" stroke="#fff" strokeWidth="2" />
        </>
      )}
      {status === 'no_data' && (
        <>
          <circle cx="8" cy="8" r="6.8" fill="none" stroke="currentColor" strokeWidth="1.6" strokeDasharray="2.6 1.6" />
          <path
            d="M6 6.2a2 2 0 1 1 2.8 1.8c-.6.3-.8.7-.8 1.3v.6M8 11.4v1.5"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
          />
        </>
      )}
      {status === 'not_due' && (
        <>
          <circle cx="8" cy="8" r="6.8" fill="none" stroke="currentColor" strokeWidth="1.6" />
          <path d="M8 4v4.4l2.8 1.8" fill="none" stroke="currentColor" strokeWidth="1.6" />
        </>
      )}
      {status === 'monitor' && (
        <>
          <path
            d="M.8 8S3.6 3.2 8 3.2 15.2 8 15.2 8 12.4 12.8 8 12.8.8 8 .8 8Z"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.5"
          />
          <circle cx="8" cy="8" r="2.2" fill="currentColor" />
        </>
      )}
      {status === 'qualitative' && (
        <>
          <path d="M1.5 2h13v9.5H7L3.5 14.5v-3h-2Z" fill="none" stroke="currentColor" strokeWidth="1.5" />
          <path d="M4.5 5.5h7M4.5 8h5" stroke="currentColor" strokeWidth="1.3" />
        </>
      )}
    </svg>
  );
}

/** Status as icon plus Dutch text, in the AA-checked status colours. */
export function StatusBadge({ status, prefix }: { status: Status; prefix?: string }) {
  return (
    <span className={`status status-${status.replace('_', '-')}`}>
      <StatusIcon status={status} />
      <span>
        {prefix}
        {STATUS_LABEL[status]}
      </span>
    </span>
  );
}
