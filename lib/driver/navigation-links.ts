/** Links that open turn-by-turn navigation to a stop: the phone's own app, Google or Apple Maps. */
export function navigationLinks(stop: { lat: number; lng: number; address: string }): { geo: string; google: string; apple: string } {
  const at = `${stop.lat},${stop.lng}`;
  return {
    geo: `geo:${at}?q=${at}(${encodeURIComponent(stop.address)})`,
    google: `https://www.google.com/maps/dir/?api=1&destination=${encodeURIComponent(at)}`,
    apple: `https://maps.apple.com/?daddr=${encodeURIComponent(at)}&dirflg=d`,
  };
}
