import { type ReactNode, useEffect, useId, useRef, useState } from 'react';

interface OneTimeSecretProps {
  /** "Wachtwoord voor teamleider"; also the name of the region. */
  title: string;
  secret: string;
  /** "Dit wachtwoord", "Dit token": the start of the warning. */
  what: string;
  /** Whatever the reader needs to use the secret, below the copy button. */
  children?: ReactNode;
  onClose: () => void;
}

type CopyState = 'idle' | 'copied' | 'manual';

/**
 * A password or token the server returns once. It takes the focus when it appears, so a keyboard or
 * screen reader user lands on it, and stays until closed.
 */
export function OneTimeSecret({ title, secret, what, children, onClose }: OneTimeSecretProps) {
  const ids = useId();
  const boxRef = useRef<HTMLElement>(null);
  const valueRef = useRef<HTMLElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');

  // a new secret (a second reset) is announced and focused again
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs for each new secret on purpose
  useEffect(() => {
    setCopy('idle');
    boxRef.current?.focus();
  }, [secret]);

  async function copyToClipboard() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopy('copied');
    } catch {
      // no clipboard outside a secure context (plain http on the intranet): select it for Ctrl+C
      const value = valueRef.current;
      const selection = window.getSelection();
      if (value && selection) selection.selectAllChildren(value);
      setCopy('manual');
    }
  }

  return (
    <section ref={boxRef} className="beheer-secret" aria-labelledby={`${ids}-titel`} tabIndex={-1}>
      <h3 id={`${ids}-titel`} className="beheer-secret-title">
        {title}
      </h3>
      <p className="beheer-secret-warning">
        <strong>Eenmalig zichtbaar.</strong> {what} wordt niet nog een keer getoond. Kopieer het nu en bewaar het
        veilig.
      </p>
      <div className="beheer-secret-row">
        <code ref={valueRef} id={`${ids}-waarde`} className="beheer-secret-value">
          {secret}
        </code>
        <button
          type="button"
          className="button button-primary"
          aria-describedby={`${ids}-titel`}
          onClick={() => void copyToClipboard()}
        >
          Kopiëren
        </button>
      </div>
      <p role="status" className="beheer-secret-copied">
        {copy === 'copied' && 'Gekopieerd naar het klembord.'}
        {copy === 'manual' && 'Automatisch kopiëren lukt hier niet. De tekst is geselecteerd: druk op Ctrl+C.'}
      </p>
      {children}
      <button type="button" className="button" onClick={onClose}>
        Sluiten
      </button>
    </section>
  );
}
