import type { Role } from '../../../../../shared/contracts/session.ts';
import { type OrganisationOption, organisationsForRole, ROLE_OPTION, ROLES } from '../beheer-text.ts';

interface RoleOrganisationFieldsProps {
  /** From `useId()`: the fields get `<idPrefix>-rol` and `<idPrefix>-org`. */
  idPrefix: string;
  role: Role;
  organisation: string;
  /** Every organisation a user could belong to; the role narrows it. */
  organisations: readonly OrganisationOption[];
  /** What the organisation list offers for the chosen role (default: those that fit it). */
  choices?: readonly { slug: string; name: string }[];
  onChange(next: { role: Role; organisation: string }): void;
  selectClassName?: string;
  required?: boolean;
  /** Shown read-only in place of the organisation list for a beheerder; without it the field is left out. */
  beheerderOrganisation?: string;
}

/**
 * A user's role and organisation, as the new-user form and the user manager ask them: an
 * organisation that does not fit a newly chosen role is dropped rather than refused later.
 */
export function RoleOrganisationFields({
  idPrefix,
  role,
  organisation,
  organisations,
  choices = organisationsForRole(role, organisations),
  onChange,
  selectClassName,
  required = false,
  beheerderOrganisation,
}: RoleOrganisationFieldsProps) {
  const organisationId = `${idPrefix}-org`;
  const needsOrganisation = role !== 'beheerder';
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-rol`}>Rol</label>
        <select
          id={`${idPrefix}-rol`}
          className={selectClassName}
          value={role}
          onChange={(e) => {
            const next = e.target.value as Role;
            const fits = organisationsForRole(next, organisations).some((o) => o.slug === organisation);
            onChange({ role: next, organisation: fits ? organisation : '' });
          }}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_OPTION[r]}
            </option>
          ))}
        </select>
      </div>
      {(needsOrganisation || beheerderOrganisation !== undefined) && (
        <div className="field">
          <label htmlFor={organisationId}>Organisatie</label>
          {needsOrganisation ? (
            <select
              id={organisationId}
              className={selectClassName}
              required={required}
              value={organisation}
              onChange={(e) => onChange({ role, organisation: e.target.value })}
            >
              <option value="">kies een organisatie</option>
              {choices.map((o) => (
                <option key={o.slug} value={o.slug}>
                  {o.name}
                </option>
              ))}
            </select>
          ) : (
            <input id={organisationId} readOnly value={beheerderOrganisation} />
          )}
        </div>
      )}
    </>
  );
}
