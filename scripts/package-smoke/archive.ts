import { getRawHeader } from '@electron/asar';

export interface ArchiveFile {
  /** Path inside the archive, `/`-separated, no leading slash. */
  path: string;
  size: number;
  /** Stored beside the archive in `app.asar.unpacked/` rather than inside it. */
  unpacked: boolean;
}

interface HeaderNode {
  files?: Record<string, HeaderNode>;
  size?: number;
  unpacked?: boolean;
  link?: string;
}

/** Every regular file recorded in an asar archive's header (symlinks are left out). */
export function listArchive(archivePath: string): ArchiveFile[] {
  const out: ArchiveFile[] = [];
  const walk = (node: HeaderNode, prefix: string): void => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const rel = prefix ? `${prefix}/${name}` : name;
      if (child.files) walk(child, rel);
      else if (child.link === undefined)
        out.push({ path: rel, size: child.size ?? 0, unpacked: child.unpacked === true });
    }
  };
  walk(getRawHeader(archivePath).header, '');
  return out;
}

/** Package names (`react`, `@scope/name`) with files under any `node_modules/` in the listed paths. */
export function packagesIn(paths: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const file of paths) {
    for (const match of file.matchAll(/(?:^|\/)node_modules\/(@[^/]+\/[^/]+|[^@/][^/]*)/g)) names.add(match[1]!);
  }
  return names;
}
