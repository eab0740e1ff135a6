"use client";
import QRCode from "qrcode";
import { useEffect, useState, type ReactNode } from "react";
import { errorMessage } from "@/lib/admin/admin-api";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { useAdminMessages } from "@/lib/admin/use-admin-messages";

/** The driver PWA's sign-in link for a token: `/driver?token=…` on this origin. */
export function driverSignInUrl(origin: string, token: string): string {
  return `${origin}/driver?token=${encodeURIComponent(token)}`;
}

/**
 * A freshly issued driver token as a QR code of the PWA sign-in link, for the driver to scan.
 * Tokens are stored hashed, so this exists only in the moment the token is issued.
 */
export function TokenQr({ token, driverName }: { token: string; driverName: string }) {
  const t = useAdminMessages();
  const [url, setUrl] = useState<string | null>(null);
  const [image, setImage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isCopied, setIsCopied] = useState(false);

  useEffect(() => {
    const link = driverSignInUrl(window.location.origin, token);
    setUrl(link);
    let isCurrent = true;
    QRCode.toDataURL(link, { errorCorrectionLevel: "M", margin: 2, width: 360 }).then(
      (dataUrl) => isCurrent && setImage(dataUrl),
      (failure: unknown) => isCurrent && setError(errorMessage(failure)),
    );
    return () => {
      isCurrent = false;
    };
  }, [token]);

  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setIsCopied(true);
    } catch {
      setError(t.tokenQr.copyFailed);
    }
  };

  return (
    <div className="admin-token" data-testid="driver-token">
      {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL, nothing for next/image to optimise */}
      {image ? <img src={image} width={180} height={180} alt={t.tokenQr.alt(driverName)} data-testid="driver-token-qr" /> : <span className="admin-token__placeholder" aria-hidden="true" />}
      <div className="admin-token__text">
        {error && <p className="admin-error">{error}</p>}
        {url && (
          <p>
            {t.tokenQr.orSend(driverName)} <code data-testid="driver-token-link">{url}</code>
          </p>
        )}
        {url && (
          <Button size="sm" onClick={() => void copy()} data-testid="driver-token-copy">
            {isCopied ? t.tokenQr.copied : t.tokenQr.copy}
          </Button>
        )}
      </div>
    </div>
  );
}

/**
 * The sign-in code right where it was created, on top of everything (a new driver, a new code):
 * never further down the page. It is shown once, so a click beside it does not close it; only
 * "Done" (or Escape, or ×) does, and the text says what that means.
 */
export function TokenQrDialog({ token, driverName, onClose, children }: { token: string; driverName: string; onClose(): void; children?: ReactNode }) {
  const t = useAdminMessages();
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={t.tokenQr.title(driverName)}
      description={t.tokenQr.body(driverName)}
      isClosedByOutsideClick={false}
      data-testid="driver-token-dialog"
    >
      <TokenQr token={token} driverName={driverName} />
      {children}
      <div className="ui-dialog__actions">
        <Button variant="primary" onClick={onClose} data-testid="driver-token-done">
          {t.tokenQr.done}
        </Button>
      </div>
    </Dialog>
  );
}
