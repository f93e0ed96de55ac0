/** The `code` of a Node system error (`ENOENT`, `EACCES`…), or undefined for anything else. */
export function errnoCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}
