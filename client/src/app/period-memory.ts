// The evaluation month a user last looked at, per DVO, for this browser tab: the header keeps DVO
// and period across screens (also screens without a period in their URL, like the catalogue).

const key = (dvo: string) => `dvo-monitor:maand:${dvo}`;

export function rememberMonth(dvo: string, month: string): void {
  try {
    sessionStorage.setItem(key(dvo), month);
  } catch {
    // storage may be unavailable (private mode, quota): the URL still holds the period
  }
}

const DVO_KEY = 'dvo-monitor:dvo';

/** The DVO last looked at, so screens outside a DVO (Beheer, tokens) still link back to it. */
export function rememberDvo(dvo: string): void {
  try {
    sessionStorage.setItem(DVO_KEY, dvo);
  } catch {
    // see rememberMonth
  }
}

export function rememberedDvo(): string | null {
  try {
    return sessionStorage.getItem(DVO_KEY);
  } catch {
    return null;
  }
}

export function rememberedMonth(dvo: string): string | null {
  try {
    return sessionStorage.getItem(key(dvo));
  } catch {
    return null;
  }
}
