import { z } from 'zod';

/** An absolute http(s) URL without credentials, query or fragment: what an API base URL may be. */
export const apiBaseUrl = z
  .string()
  .trim()
  .min(1, 'Enter the API address, e.g. https://api.chutes.ai')
  .max(2048, 'That address is too long')
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password && !url.search && !url.hash;
    } catch {
      return false;
    }
  }, 'Enter a full http:// or https:// address without a query, e.g. https://api.chutes.ai');

/** Strip trailing slashes so `${base}/ping` never has a double slash. */
export function normaliseBaseUrl(value: string): string {
  return value.trim().replace(/\/+$/, '');
}
