import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useParams, useSearchParams } from 'react-router';
import type { Indicator } from '../../../../shared/contracts/catalogue.ts';
import { DELIVERING_ROLES } from '../../../../shared/domain/delivery-due.ts';
import { PanelState } from '../../components/ui/panel-state.tsx';
import { dvosQuery, figuresQuery, importsQuery, indicatorsQuery, locksQuery, sessionQuery } from './api.ts';
import { FiguresExport } from './components/figures-export.tsx';
import { ImportHistory } from './components/import-history.tsx';
import { TemplateSection } from './components/template-section.tsx';
import { UploadSection } from './components/upload-section.tsx';
import { defaultDeliveryMonth, readMonthParam } from './delivery-month.ts';

/**
 * Aanleveren: a team leader of the werkbedrijf downloads the pre-filled template for a month, fills
 * it in, checks what the upload would change and stores it; below, every earlier delivery.
 */
export default function AanleverenPage() {
  const { dvo = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const session = useQuery(sessionQuery);
  const dvos = useQuery(dvosQuery);
  const indicators = useQuery(indicatorsQuery(dvo));
  const figures = useQuery(figuresQuery(dvo, {}));
  const imports = useQuery(importsQuery(dvo));
  const locks = useQuery(locksQuery(dvo));

  const summary = dvos.data?.dvos.find((d) => d.slug === dvo);
  const lookup = useMemo(
    () => new Map<string, Indicator>((indicators.data?.indicators ?? []).map((i) => [i.code, i])),
    [indicators.data],
  );
  const canDeliver = session.data ? DELIVERING_ROLES.includes(session.data.user.role) : false;

  return (
    <div className="delivery">
      <h1>Aanleveren{summary ? ` – ${summary.name}` : ''}</h1>
      <p className="lead">
        Download het sjabloon van de maand, vul het in en lees het hier in. U ziet eerst wat er verandert; pas na
        bevestigen wordt er iets opgeslagen.
      </p>
      <PanelState
        query={dvos}
        label="de DVO"
        isEmpty={() => !summary}
        empty={<p className="message">Deze DVO bestaat niet of u heeft er geen toegang toe.</p>}
      >
        {() => {
          if (!summary) return null;
          const chosen = readMonthParam(params.get('periode'), summary.year);
          // the default for a year that is over depends on the figures; wait for them rather than jump
          const month =
            chosen ??
            (figures.isPending && summary.year < new Date().getFullYear()
              ? null
              : defaultDeliveryMonth(
                  summary.year,
                  new Date(),
                  (figures.data?.figures ?? []).map((f) => f.period),
                ));
          return (
            <>
              {month ? (
                <TemplateSection
                  dvo={dvo}
                  year={summary.year}
                  month={month}
                  locks={locks}
                  onMonthChange={(m) =>
                    setParams(
                      (p) => {
                        p.set('periode', m);
                        return p;
                      },
                      { replace: true },
                    )
                  }
                />
              ) : (
                <p className="message message-loading" role="status">
                  Bezig met laden…
                </p>
              )}
              {canDeliver ? (
                <UploadSection dvo={dvo} indicators={lookup} />
              ) : (
                <section aria-labelledby="aanleveren-werkbedrijf" className="card">
                  <h2 id="aanleveren-werkbedrijf">2. Bestand controleren en opslaan</h2>
                  <p>
                    Cijfers aanleveren doet het werkbedrijf ({summary.opdrachtnemer.name}). U kunt het sjabloon en de
                    eerdere leveringen wel bekijken.
                  </p>
                </section>
              )}
              {month && <FiguresExport dvo={dvo} year={summary.year} month={month} />}
              <ImportHistory imports={imports} figures={figures} indicators={lookup} />
            </>
          );
        }}
      </PanelState>
    </div>
  );
}
