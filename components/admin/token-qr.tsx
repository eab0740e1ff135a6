"use client";
import QRCode from "qrcode";
import { useEffect, useState } from "react";

/** The driver PWA's sign-in link for a token: `/driver?token=…` on this origin. */
export function driverSignInUrl(origin: string, token: string): string {
  return `${origin}/driver?token=${encodeURIComponent(token)}`;
}

/**
 * A freshly issued driver token as a QR code of the PWA sign-in link, for the driver to scan.
 * Tokens are stored hashed, so this exists only in the moment the token is issued.
 */
export function TokenQr({ token, driverName }: { token: string; driverName: string }) {
  const [url, setUrl] = useState<string | null>(null);
  const [image, setImage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const link = driverSignInUrl(window.location.origin, token);
    setUrl(link);
    let isCurrent = true;
    QRCode.toDataURL(link, { errorCorrectionLevel: "M", margin: 2, width: 220 }).then(
      (dataUrl) => isCurrent && setImage(dataUrl),
      (failure: unknown) => isCurrent && setError(failure instanceof Error ? failure.message : String(failure)),
    );
    return () => {
      isCurrent = false;
    };
  }, [token]);

  return (
    <div className="admin-token" data-testid="driver-token">
      <p>
        New sign-in for <strong>{driverName}</strong>, shown once (any older token no longer works). Scan with the phone:
      </p>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL, nothing for next/image to optimise */}
      {image && <img src={image} width={220} height={220} alt={`Sign-in QR code for ${driverName}`} data-testid="driver-token-qr" />}
      {error && <p className="admin-error">{error}</p>}
      {url && (
        <p>
          or open <code data-testid="driver-token-link">{url}</code>
        </p>
      )}
    </div>
  );
}
