import { errnoCode } from '../fs/errno';

/** A short sentence for a failed filesystem call; never includes the path or file contents. */
export function describeFsError(error: unknown, viaSymlink = false): string {
  switch (errnoCode(error)) {
    case 'EACCES':
    case 'EPERM':
      return 'Permission denied.';
    case 'ELOOP':
      return 'Symbolic link loop.';
    case 'ENOENT':
      return viaSymlink ? 'Broken symbolic link.' : 'It disappeared while being read.';
    case 'ENOTDIR':
      return 'Not a folder.';
    case 'EISDIR':
      return 'Is a folder, not a file.';
    case 'ENAMETOOLONG':
      return 'The path is too long.';
    case 'EIO':
      return 'Input/output error from the disk.';
    default: {
      const code = errnoCode(error);
      return code ? `Could not be read (${code}).` : 'Could not be read.';
    }
  }
}
