import type { Brand } from "@/lib/domain/brand";
import "./branding.css";

/**
 * The operator's header on every tracking page: logo and name on the brand colour, with text in
 * white or near-black, whichever contrasts more (lib/domain/brand.ts). Without a logo, the
 * built-in mark in the text colour.
 */
export function OperatorHeader({ brand }: { brand: Brand }) {
  return (
    <header className="operator" data-testid="operator-header" style={{ background: brand.color, color: brand.textColor }}>
      {brand.logoUrl ? (
        // The logo's origin is in the page's CSP (server/platform/http/security-headers.ts); its name is the text beside it.
        // eslint-disable-next-line @next/next/no-img-element
        <img className="operator__logo" src={brand.logoUrl} alt="" data-testid="operator-logo" />
      ) : (
        <svg className="operator__mark" viewBox="0 0 32 32" aria-hidden="true">
          <rect width="32" height="32" rx="8" fill="currentColor" />
          <path d="M9 21.5h14M11 21.5V11h6l4 5v5.5" fill="none" stroke={brand.color} strokeWidth="2.2" strokeLinejoin="round" />
        </svg>
      )}
      <span className="operator__name" data-testid="operator-name">
        {brand.name}
      </span>
    </header>
  );
}
