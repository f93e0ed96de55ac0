import { AppFailure } from '../../shared/errors';

/**
 * The body as text, stopping (and cancelling the stream) past `maxBytes`: a server, or a
 * `base_url` from an imported config.ini, that streams forever must not fill our memory. Time is
 * bounded by the request's own deadline (http-pools.ts), which covers the body too.
 */
export async function readBodyCapped(res: Response, maxBytes: number, host: string): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge(host, maxBytes, res.status);
  }
  if (!res.body) return '';
  // A declared length counts the bytes on the wire; only without compression is it also the count
  // of the bytes read here (a gzip answer can decode to a chunk of exactly that size, not its end).
  const stopAt = res.headers.get('content-encoding') ? Number.NaN : declared;
  const reader: ReadableStreamDefaultReader<Uint8Array> = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  // With a declared length, the answer is complete once that many bytes are in (the client
  // reads no further), which saves waiting on one more read just to be told "done".
  while (total !== stopAt) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(host, maxBytes, res.status);
    }
    chunks.push(value);
  }
  const only = chunks.length === 1 ? chunks[0] : undefined;
  const bytes = only ? Buffer.from(only.buffer, only.byteOffset, only.byteLength) : Buffer.concat(chunks, total);
  return bytes.toString('utf8');
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
