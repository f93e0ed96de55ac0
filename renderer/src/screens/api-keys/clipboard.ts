/**
 * Copying a secret: the clipboard is cleared after a while if it still holds that secret — where
 * the platform lets the page read the clipboard; otherwise it is left alone (never clobbering
 * something the user copied since) and the caller says so.
 */
export const CLIPBOARD_CLEAR_MS = 60_000;

let timer: ReturnType<typeof setTimeout> | undefined;

export async function copySecretText(
  text: string,
  secret: string,
  clearAfterMs = CLIPBOARD_CLEAR_MS,
): Promise<'copied' | 'failed'> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    return 'failed';
  }
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = undefined;
    void navigator.clipboard
      .readText()
      .then((now) => (now.includes(secret) ? navigator.clipboard.writeText('') : undefined))
      .catch(() => undefined);
  }, clearAfterMs);
  return 'copied';
}
