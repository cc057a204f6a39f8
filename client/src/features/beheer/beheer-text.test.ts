import { describe, expect, it } from 'vitest';
import type { DvoSummary } from '../../../../shared/contracts/dvos.ts';
import {
  actionLabel,
  describeChange,
  describeSubject,
  organisationsForRole,
  organisationsFromDvos,
  usernamesById,
} from './beheer-text.ts';

const dvo = (slug: string, gemeente: string, werkbedrijf: string): DvoSummary => ({
  slug,
  name: slug,
  year: 2024,
  opdrachtgever: { slug: gemeente, name: `Gemeente ${gemeente}`, type: 'gemeente' },
  opdrachtnemer: { slug: werkbedrijf, name: `Bedrijf ${werkbedrijf}`, type: 'werkbedrijf' },
  chapters: [],
  state: 'active',
});

describe('organisations for the user form', () => {
  const all = organisationsFromDvos([dvo('a', 'deventer', 'konnected'), dvo('b', 'raalte', 'konnected')]);

  it('lists both parties of every DVO once, gemeenten first', () => {
    expect(all.map((o) => o.slug)).toEqual(['deventer', 'raalte', 'konnected']);
  });

  it('offers an opdrachtnemer only werkbedrijven and a beheerder none', () => {
    expect(organisationsForRole('opdrachtnemer', all).map((o) => o.slug)).toEqual(['konnected']);
    expect(organisationsForRole('opdrachtgever', all).map((o) => o.slug)).toEqual(['deventer', 'raalte']);
    expect(organisationsForRole('lezer', all)).toHaveLength(3);
    expect(organisationsForRole('beheerder', all)).toEqual([]);
  });
});

describe('audit log in words', () => {
  it('labels known actions in Dutch and leaves unknown codes to be shown as they are', () => {
    expect(actionLabel('user.password_reset')).toBe('Nieuw wachtwoord ingesteld');
    expect(actionLabel('period.lock')).toBe('Periode vastgesteld');
    expect(actionLabel('catalogue.reload')).toBeNull();
  });

  it('names a user by the username its creation recorded, else by number', () => {
    const entries = [
      { action: 'user.update', entity: 'user', entityId: '7', after: { disabled: true } },
      { action: 'user.create', entity: 'user', entityId: '7', after: { username: 'teamleider' } },
    ];
    const names = usernamesById(entries);
    expect(describeSubject(entries[0] as (typeof entries)[number], names)).toBe('gebruiker teamleider');
    expect(describeSubject({ ...(entries[0] as (typeof entries)[number]), entityId: '8' }, names)).toBe(
      'gebruiker nr. 8',
    );
    expect(
      describeSubject({ action: 'period.lock', entity: 'period', entityId: 'dvo/2024-03', after: null }, names),
    ).toBe('periode maart 2024');
    expect(
      describeSubject(
        { action: 'assessment.set', entity: 'assessment', entityId: 'dvo/kwal_kto/2024-Q2', after: null },
        names,
      ),
    ).toBe('beoordeling 2e kwartaal 2024');
    expect(describeSubject({ action: 'x.y', entity: 'widget', entityId: null, after: null }, names)).toBe('widget');
  });

  it('describes only the fields that changed, with ja/nee for switches', () => {
    expect(
      describeChange(
        { role: 'opdrachtnemer', organisationId: 2, disabled: false },
        { role: 'opdrachtnemer', organisationId: 2, disabled: true },
      ),
    ).toEqual(['uitgeschakeld: nee → ja']);
    expect(describeChange(null, { user: 'beheerder', label: '<img src=x>' })).toEqual([
      'gebruiker: beheerder',
      'naam: <img src=x>',
    ]);
    expect(describeChange(null, null)).toEqual([]);
  });

  it('cuts a long text short; the raw JSON keeps it whole', () => {
    const [line] = describeChange(null, { narrative: 'x'.repeat(200) }) ?? [];
    expect(line).toBe(`toelichting: ${'x'.repeat(59)}…`);
  });

  it('says every audited change in Dutch words, never a key, code or internal id', () => {
    const entries: [unknown, unknown][] = [
      [null, { lockId: 1 }],
      [{ lockId: 1 }, { reason: 'Correctie uitstroom' }],
      [
        { supersededFigureIds: [1, 2] },
        { source: 'xlsx', filename: 'juni.xlsx', created: 1, changed: 2, unchanged: 0 },
      ],
      [
        { state: 'toegelicht', toelichting: 'Minder vacatures', maatregel: null },
        {
          state: 'maatregel_afgesproken',
          toelichting: 'Minder vacatures',
          maatregel: { text: 'Extra jobhunter', owner: 'teamleider', deadline: '2024-12-01' },
          note: null,
        },
      ],
      [
        null,
        { dvo: 'dvo', type: 'bestuurlijk_overleg', date: '2024-10-15', period: '2024-06', attendees: ['wethouder'] },
      ],
      [
        { status: 'off_track', narrative: 'x', completedOn: null },
        { status: 'on_track', narrative: 'x', completedOn: null },
      ],
    ];
    const lines = entries.flatMap(([before, after]) => describeChange(before, after) ?? ['(geen beschrijving)']);
    expect(lines).toEqual([
      'reden: Correctie uitstroom',
      'vervangen cijfers: 2',
      'bron: Excel-bestand',
      'bestand: juni.xlsx',
      'nieuw: 1',
      'gewijzigd: 2',
      'ongewijzigd: 0',
      'stand: toegelicht → maatregel afgesproken',
      'maatregel: – → Extra jobhunter, eigenaar teamleider, uiterlijk 1 december …',
      'DVO: dvo',
      'soort overleg: Bestuurlijk overleg',
      'datum: 15 oktober 2024',
      'periode: juni 2024',
      'aanwezig: wethouder',
      'status: afwijking → op koers',
    ]);
    for (const line of lines) expect(line).not.toMatch(/[a-z][A-Z]|_|Id\b/);
  });
});
