/**
 * The `code` of a Node system error (`ENOENT`, `EACCES`…), or undefined for anything else. Duck
 * typed rather than `instanceof Error`: errors made in another realm (a vm context, a test's fake
 * filesystem) are not instances of this realm's Error but still carry the code.
 */
export function errnoCode(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}
