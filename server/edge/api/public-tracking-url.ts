/**
 * The contract: `trackingUrl` is `/track/<token>`, absolute (`PUBLIC_URL/track/<token>`) when
 * PUBLIC_URL is set. Domain functions return the path; the API edge makes it absolute here.
 */
export function publicTrackingUrl(trackingUrl: string, publicUrl: string | undefined): string {
  if (!publicUrl || !trackingUrl.startsWith("/")) return trackingUrl;
  return `${publicUrl.replace(/\/+$/, "")}${trackingUrl}`;
}

export function withPublicTrackingUrl<T extends { trackingUrl: string }>(answer: T, publicUrl: string | undefined): T {
  return { ...answer, trackingUrl: publicTrackingUrl(answer.trackingUrl, publicUrl) };
}
