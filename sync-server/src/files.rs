//! Files written whole: under a name of their own beside the target (random, ending
//! `.partial`, which backups skip), synced, then given the target's name, so that a reader,
//! or another server process writing the same file at the same moment, never sees half of
//! one. Nothing is left under the partial name, whatever fails.

use std::fs;
use std::io::{self, Write as _};
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::{Path, PathBuf};

/// Writes `bytes` whole to `path` (created with `mode`, less the umask), replacing any file
/// there.
pub(crate) fn write_whole(path: &Path, bytes: &[u8], mode: u32) -> io::Result<()> {
    write_then(path, bytes, mode, |partial| fs::rename(partial, path))
}

/// Writes `bytes` whole to `path` only if nothing is there: `AlreadyExists` if another
/// writer's file took the name first (theirs stays).
pub(crate) fn write_new(path: &Path, bytes: &[u8], mode: u32) -> io::Result<()> {
    write_then(path, bytes, mode, |partial| fs::hard_link(partial, path))
}

fn write_then(
    path: &Path,
    bytes: &[u8],
    mode: u32,
    place: impl FnOnce(&Path) -> io::Result<()>,
) -> io::Result<()> {
    let mut partial = path.as_os_str().to_owned();
    partial.push(format!(".{:016x}.partial", rand::random::<u64>()));
    let partial = PathBuf::from(partial);
    let written = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .open(&partial)
        .and_then(|mut file| {
            file.write_all(bytes)?;
            file.sync_all()
        })
        .and_then(|()| place(&partial));
    // After a rename there is nothing left to remove; after a link, the partial name goes.
    let _ = fs::remove_file(&partial);
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_keeps_the_first_writer_and_a_whole_file_replaces() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("key");
        write_new(&path, b"first", 0o600)?;
        let second = write_new(&path, b"second", 0o600).expect_err("taken");
        assert_eq!(second.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path)?, b"first");
        write_whole(&path, b"third", 0o600)?;
        assert_eq!(fs::read(&path)?, b"third");
        let names: Vec<_> = fs::read_dir(dir.path())?
            .map(|entry| entry.map(|entry| entry.file_name()))
            .collect::<Result<_, _>>()?;
        assert_eq!(names, ["key"], "no partial file is left");
        Ok(())
    }
}
