/**
 * Local clock minus the server's, whole seconds, from the server's `Date` header: the one skew
 * formula (diagnostics and signature errors alike). The header is truncated to the second and was
 * stamped inside the round trip, so compare the middle of that second with the middle of the trip.
 * Undefined without a usable header.
 */
export function measureSkew(
  dateHeader: string | null,
  sentAtMs: number,
  receivedAtMs: number = sentAtMs,
): number | undefined {
  const serverMs = dateHeader ? Date.parse(dateHeader) : Number.NaN;
  if (Number.isNaN(serverMs)) return undefined;
  return Math.round(((sentAtMs + receivedAtMs) / 2 - (serverMs + 500)) / 1000);
}
