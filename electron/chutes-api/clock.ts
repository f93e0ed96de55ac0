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
  const serverMs = dateHeader === null ? undefined : parseHttpDate(dateHeader);
  if (serverMs === undefined) return undefined;
  return Math.round(((sentAtMs + receivedAtMs) / 2 - (serverMs + 500)) / 1000);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const TIME = String.raw`(\d{2}):(\d{2}):(\d{2})`;
const MONTH = `(${MONTHS.join('|')})`;
// RFC 9110 §5.6.7: IMF-fixdate, and the two obsolete forms a recipient must still accept.
const IMF_FIXDATE = new RegExp(String.raw`^[A-Z][a-z]{2}, (\d{2}) ${MONTH} (\d{4}) ${TIME} GMT$`);
const RFC850 = new RegExp(String.raw`^[A-Z][a-z]{5,8}, (\d{2})-${MONTH}-(\d{2}) ${TIME} GMT$`);
const ASCTIME = new RegExp(String.raw`^[A-Z][a-z]{2} ${MONTH} ( \d|\d{2}) ${TIME} (\d{4})$`);

function utc(day: string, month: string, year: number, h: string, m: string, s: string): number | undefined {
  const ms = Date.UTC(year, MONTHS.indexOf(month), Number(day), Number(h), Number(m), Number(s));
  // A date that rolled over (31 Feb, 25:00) is not one the server meant.
  const back = new Date(ms);
  const same =
    back.getUTCDate() === Number(day) && back.getUTCHours() === Number(h) && back.getUTCMinutes() === Number(m);
  return same ? ms : undefined;
}

/**
 * An HTTP-date in ms, or undefined for anything else. `Date.parse` would take far more ("0" is the
 * year 2000), and a skew claimed from such a header would blame the user's clock by decades.
 */
export function parseHttpDate(text: string): number | undefined {
  const value = text.trim();
  let m = IMF_FIXDATE.exec(value);
  if (m) return utc(m[1] ?? '', m[2] ?? '', Number(m[3]), m[4] ?? '', m[5] ?? '', m[6] ?? '');
  m = ASCTIME.exec(value);
  if (m) return utc((m[2] ?? '').trim(), m[1] ?? '', Number(m[6]), m[3] ?? '', m[4] ?? '', m[5] ?? '');
  m = RFC850.exec(value);
  if (!m) return undefined;
  // Two-digit years: RFC 9110 reads one more than 50 years ahead as the past century.
  const yy = Number(m[3]);
  const year = 2000 + yy > new Date().getUTCFullYear() + 50 ? 1900 + yy : 2000 + yy;
  return utc(m[1] ?? '', m[2] ?? '', year, m[4] ?? '', m[5] ?? '', m[6] ?? '');
}
