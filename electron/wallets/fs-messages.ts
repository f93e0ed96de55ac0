// The errno → message mapping is shared by every file read or written on request.
export { describeFsError } from '../fs/fs-errors';
