import { Component, type ErrorInfo, type ReactNode, Suspense } from 'react';

interface BoundaryProps {
  /** What the panel shows, for the Dutch message: "de werkladder". */
  label: string;
  children: ReactNode;
}

interface BoundaryState {
  error: Error | null;
}

/**
 * Catches a render error (or a lazy chart chunk that failed to load) in one panel, so the rest of
 * the page stays usable. Also the Suspense boundary for lazily loaded charts inside the panel.
 */
export class PanelBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { error: null };

  static getDerivedStateFromError(error: Error): BoundaryState {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // kept visible for whoever debugs a report from a user; the user sees the Dutch message below
    console.warn(`Paneel "${this.props.label}" is mislukt:`, error, info.componentStack);
  }

  override render() {
    if (this.state.error) {
      return (
        <div className="message message-error" role="alert">
          <p>Dit onderdeel ({this.props.label}) kon niet worden getoond. De rest van de pagina werkt gewoon.</p>
          <button type="button" className="button" onClick={() => this.setState({ error: null })}>
            Opnieuw proberen
          </button>
        </div>
      );
    }
    return (
      <Suspense
        fallback={
          <p className="message message-loading" role="status">
            Bezig met laden van {this.props.label}…
          </p>
        }
      >
        {this.props.children}
      </Suspense>
    );
  }
}
