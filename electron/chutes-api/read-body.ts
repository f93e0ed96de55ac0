import { AppFailure } from '../../shared/errors';

/**
 * The body as text, stopping (and cancelling the stream) past `maxBytes` or after `timeLeftMs`: a
 * server, or a `base_url` from an imported config.ini, that streams forever must not fill our
 * memory, and one that sends a byte now and then must not hold the call open.
 */
export async function readBodyCapped(
  res: Response,
  maxBytes: number,
  host: string,
  timeLeftMs = Number.POSITIVE_INFINITY,
): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge(host, maxBytes, res.status);
  }
  if (!res.body) return '';
  const reader: ReadableStreamDefaultReader<Uint8Array> = res.body.getReader();
  let timedOut = false;
  const timer = Number.isFinite(timeLeftMs)
    ? setTimeout(
        () => {
          timedOut = true;
          void reader.cancel().catch(() => undefined);
        },
        Math.max(0, timeLeftMs),
      )
    : undefined;
  try {
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (timedOut) throw new DOMException('The answer did not arrive in time.', 'TimeoutError');
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(host, maxBytes, res.status);
      }
      chunks.push(value);
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    clearTimeout(timer);
  }
}

function tooLarge(host: string, maxBytes: number, status: number): AppFailure {
  const mib = Math.round((maxBytes / (1024 * 1024)) * 10) / 10;
  return new AppFailure(
    'server',
    `${host} sent more than ${mib} MiB in one answer, so the app stopped reading it. Check that this is the Chutes API address.`,
    { status },
    'response-too-large',
  );
}
