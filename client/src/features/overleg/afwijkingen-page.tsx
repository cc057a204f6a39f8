import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Role } from '../../../../shared/contracts/session.ts';
import { formatPeriodLabel } from '../../../../shared/domain/format-nl.ts';
import { PeriodLock } from '../../components/period-lock.tsx';
import { PanelBoundary } from '../../components/ui/panel-boundary.tsx';
import { PanelState } from '../../components/ui/panel-state.tsx';
import { deviationsExportUrl, deviationsQuery, dvosQuery, sessionQuery } from './api.ts';
import { CorrectionsPanel } from './components/corrections-panel.tsx';
import { DeviationSummary } from './components/deviation-summary.tsx';
import { DeviationTable } from './components/deviation-table.tsx';
import { ExportLinks } from './components/export-links.tsx';
import { PeriodPicker } from './components/period-picker.tsx';
import { RecoveredList } from './components/recovered-list.tsx';
import { SignalsPanel } from './components/signals-panel.tsx';
import { useDefaultMonth } from './default-period.ts';
import { readPeriodParam } from './overleg-text.ts';

const CHAIR_ROLES: readonly Role[] = ['opdrachtgever', 'beheerder'];

/**
 * Afwijkingen (`/dvo/:dvo/afwijkingen?periode=YYYY-MM|YYYY-Qn`): every agreement that deviates, asks
 * for attention or lacks data at that period, with the conversation about it so far, and the list as
 * a file for the bestuurlijk overleg.
 */
export default function AfwijkingenPage() {
  const { dvo = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const dvos = useQuery(dvosQuery);
  const session = useQuery(sessionQuery);
  const summary = dvos.data?.dvos.find((d) => d.slug === dvo);
  const period = summary ? readPeriodParam(params.get('periode'), summary.year) : null;
  const fallback = useDefaultMonth(dvo, summary?.year, Boolean(summary) && period === null);
  const list = useQuery({ ...deviationsQuery(dvo, period ?? ''), enabled: period !== null });

  // without a (valid) period the page settles on one, and says so in the URL so it can be shared
  useEffect(() => {
    if (period === null && fallback !== null) {
      setParams(
        (p) => {
          p.set('periode', fallback);
          return p;
        },
        { replace: true },
      );
    }
  }, [period, fallback, setParams]);

  const choose = (next: string) =>
    setParams(
      (p) => {
        p.set('periode', next);
        return p;
      },
      { replace: true },
    );
  const base = `/dvo/${encodeURIComponent(dvo)}`;
  const threadHref = (id: number) => `${base}/afwijkingen/${id}?${new URLSearchParams({ periode: period ?? '' })}`;
  const canOpenMeeting = session.data ? CHAIR_ROLES.includes(session.data.user.role) : false;

  return (
    <div className="overleg">
      <h1>Afwijkingen{period ? ` ${formatPeriodLabel(period)}` : ''}</h1>
      <p className="lead">
        Elke afspraak die afwijkt, aandacht vraagt of waarvan gegevens ontbreken, met de toelichting van het werkbedrijf
        en de afgesproken maatregel. Open een afspraak om te reageren of de stand te wijzigen.
      </p>
      <PanelState
        query={dvos}
        label="de DVO"
        isEmpty={() => !summary}
        empty={<p className="message">Deze DVO bestaat niet of u heeft er geen toegang toe.</p>}
      >
        {() =>
          summary && period ? (
            <>
              <div className="overleg-toolbar">
                <PeriodPicker year={summary.year} value={period} onChange={choose} />
                {canOpenMeeting && (
                  <p className="overleg-toolbar-link">
                    <Link to={`${base}/overleg?${new URLSearchParams({ periode: period })}`}>
                      Overleg openen over {formatPeriodLabel(period)}
                    </Link>
                  </p>
                )}
                <ExportLinks
                  urlFor={(format) => deviationsExportUrl(dvo, period, format)}
                  what={`De lijst van ${formatPeriodLabel(period)} zoals hij nu is, met toelichting en maatregel.`}
                />
              </div>
              <PeriodLock dvo={dvo} period={period} />
              <PanelBoundary label="de afwijkingen">
                <PanelState query={list} label="de afwijkingen">
                  {(data) => (
                    <>
                      <DeviationSummary list={data} />
                      <SignalsPanel signals={data.signals} />
                      <CorrectionsPanel
                        corrections={data.corrections}
                        intro="Cijfers van een vastgestelde periode die daarna zijn gewijzigd (de periode is eerst heropend)."
                      />
                      <section aria-labelledby="overleg-lijst">
                        <h2 id="overleg-lijst">Per afspraak</h2>
                        <DeviationTable
                          rows={data.rows}
                          month={data.evaluatedMonth}
                          caption={`Afwijkingen ${formatPeriodLabel(data.period)}`}
                          threadHref={threadHref}
                        />
                      </section>
                      <RecoveredList recovered={data.recovered} threadHref={threadHref} />
                    </>
                  )}
                </PanelState>
              </PanelBoundary>
            </>
          ) : (
            <p className="message message-loading" role="status">
              Bezig met het zoeken van de laatste maand met gegevens…
            </p>
          )
        }
      </PanelState>
    </div>
  );
}
