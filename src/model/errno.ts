/** Why a file-system call failed, in words a user can act on. */

/** The errno codes of a failed write, in words. */
const WHY: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file would be too large',
  EIO: 'an input/output error on the device',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EROFS: 'the file system is read-only',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ENOENT: 'its directory does not exist',
  EBADF: 'it is closed',
  ENXIO: 'no reader is connected',
  ENAMETOOLONG: 'the name is too long',
  ETXTBSY: 'the file is busy',
  EBUSY: 'the file is busy',
  ELOOP: 'its path loops through symbolic links',
};

/** Why a write failed, in words (the errno code itself when it is not one we know). */
export function describeErrno(code: string): string {
  return WHY[code] ?? 'the system refused the write';
}
