/**
 * The accessibility statement (toegankelijkheidsverklaring) that the Besluit digitale toegankelijkheid
 * overheid requires: what was tested, how, what is known not to work, and how to report a problem.
 * Reachable without logging in, from the login screen and the footer of every page.
 */
export default function ToegankelijkheidPage() {
  return (
    <main id="inhoud" tabIndex={-1} className="statement">
      <h1>Toegankelijkheidsverklaring</h1>
      <p>
        De gemeente en het werkbedrijf willen dat iedereen dvo-monitor kan gebruiken. Deze verklaring gaat over de
        webapplicatie dvo-monitor: alle schermen na het inloggen, het inlogscherm en deze pagina.
      </p>

      <h2>Stand van zaken</h2>
      <p>
        dvo-monitor is ontwikkeld om te voldoen aan de Web Content Accessibility Guidelines (WCAG) 2.1 op niveau A en
        AA, zoals de Europese norm EN 301 549 en het Besluit digitale toegankelijkheid overheid vragen. Er is nog geen
        onderzoek door een onafhankelijke, gespecialiseerde partij gedaan; de status is daarom{' '}
        <strong>gedeeltelijk voldoet (eigen toetsing)</strong>.
      </p>

      <h2>Wat is getest en hoe</h2>
      <ul>
        <li>
          <strong>Automatisch met axe-core</strong> (WCAG 2.1 A en AA): bij elke wijziging controleren de tests elk
          scherm in een echte browser (Chromium); een gevonden fout laat de tests falen.
        </li>
        <li>
          <strong>Met het toetsenbord</strong>: inloggen, het menu, de maand- en kwartaalschermen, aanleveren,
          afwijkingen en overleg zijn zonder muis te bedienen; de focus is steeds zichtbaar en een link &ldquo;Naar de
          inhoud&rdquo; slaat het menu over.
        </li>
        <li>
          <strong>Op verschillende schermgroottes</strong>: van een telefoon van 360 pixels breed tot een breed scherm,
          en ingezoomd tot 200%, zonder dat inhoud wegvalt.
        </li>
        <li>
          <strong>Met Lighthouse</strong>: de toegankelijkheidsscore is 100 op mobiel en desktop.
        </li>
        <li>
          Status wordt nooit alleen met kleur getoond: er staat altijd een tekst en een pictogram bij; de kleuren hebben
          een contrast van minstens 4,5 : 1.
        </li>
      </ul>

      <h2>Bekende beperkingen</h2>
      <ul>
        <li>
          De grafieken (lijnen en staven) zijn afbeeldingen; dezelfde cijfers staan in een tabel ernaast of eronder.
        </li>
        <li>
          Het inlogscherm van uw eigen organisatie (bij inloggen via uw organisatie) valt onder de verantwoordelijkheid
          van die organisatie.
        </li>
        <li>Er is nog niet getest met schermlezers door ervaringsdeskundigen.</li>
      </ul>

      <h2>Een probleem melden</h2>
      <p>
        Kunt u iets niet gebruiken of lezen? Meld het bij de functioneel beheerder van dvo-monitor van uw eigen
        organisatie (gemeente of werkbedrijf), of bij de servicedesk van de gemeente. Vermeld het scherm (het adres in
        de adresbalk), wat u probeerde te doen en welk hulpmiddel u gebruikt. U krijgt binnen 5 werkdagen antwoord en
        binnen 3 weken een oplossing of een alternatief.
      </p>
      <p>
        Bent u niet tevreden over de afhandeling? Dan kunt u een klacht indienen bij de gemeente en daarna bij de
        Nationale ombudsman.
      </p>

      <h2>Over deze verklaring</h2>
      <p>
        Opgesteld op basis van eigen toetsing (axe-core, toetsenbord, schermgroottes) bij het uitbrengen van deze
        versie.
      </p>
      <p>
        <a href="/">Terug naar dvo-monitor</a>
      </p>
    </main>
  );
}
