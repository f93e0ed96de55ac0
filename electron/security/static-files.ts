import path from 'node:path';
import { readFileCapped } from '../fs/read-capped';

/** The built renderer's largest file is a few hundred KiB; anything far past that is not ours. */
const MAX_STATIC_BYTES = 32 * 1024 * 1024;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/**
 * Map a URL path to a file inside the built renderer, refusing anything that escapes it
 * (`..`, encoded separators, absolute paths). `/` is the app's index.html.
 */
export async function readRendererFile(rendererDir: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = path.resolve(rendererDir);
  const target = path.resolve(root, relative);
  if (target !== root && !target.startsWith(root + path.sep)) return null;
  try {
    const { bytes: body } = await readFileCapped(target, MAX_STATIC_BYTES);
    return { body, contentType: MIME[path.extname(target).toLowerCase()] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}
