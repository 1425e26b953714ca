//! Kiosk software releases, the server's side: `sync-server release publish FILE.deb` (or the
//! staff web) checks that the file is a Debian package of `inclusion-kiosk` with a proper
//! version, stores it by BLAKE3 hash under `<data-dir>/releases/files/`, and writes the list
//! of every published version, signed with the server's long-lived key (the one kiosks pin at
//! enrolment). Kiosks download the newest version in the background and install it through
//! their privileged helper; they also fetch the version they run, to roll back to.

use std::fs;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use wire::{ReleaseInfo, ReleaseManifest, SignedManifest};

use crate::content::ContentShelf;

const RELEASES_DIR: &str = "releases";
const LIST_FILE: &str = "releases.json";
const SIGNED_FILE: &str = "manifest.signed.json";

/// Why a release was not published.
#[derive(Debug, thiserror::Error)]
pub enum ReleaseError {
    /// Reading or writing failed.
    #[error("{action} {path}: {source}")]
    Io {
        /// What was being done.
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// Not a usable kiosk package.
    #[error("{0}")]
    NotAPackage(String),
    /// The same version was published before with other contents.
    #[error(
        "version {0} was published already with other contents: give the new build a higher version"
    )]
    VersionTaken(String),
    /// Signing failed.
    #[error(transparent)]
    Signing(#[from] crate::content::ContentError),
}

fn io<'a>(
    action: &'static str,
    path: &'a Path,
) -> impl FnOnce(std::io::Error) -> ReleaseError + 'a {
    move |source| ReleaseError::Io {
        action,
        path: path.to_owned(),
        source,
    }
}

/// The control fields of a package that matter here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageFields {
    /// `Package:`.
    pub package: String,
    /// `Version:`.
    pub version: String,
    /// `Architecture:`.
    pub architecture: String,
}

/// Reads a `.deb`'s control fields (an `ar` archive whose `control.tar.{gz,xz,zst}` holds
/// `./control`).
pub fn package_fields(path: &Path) -> Result<PackageFields, ReleaseError> {
    let not = |why: &str| {
        ReleaseError::NotAPackage(format!("{} is not a Debian package: {why}", path.display()))
    };
    let mut file = fs::File::open(path).map_err(io("cannot read", path))?;
    let mut magic = [0u8; 8];
    file.read_exact(&mut magic)
        .map_err(|_| not("it is too short"))?;
    if &magic != b"!<arch>\n" {
        return Err(not("it is not an ar archive"));
    }
    for _ in 0..16 {
        let mut header = [0u8; 60];
        if file.read_exact(&mut header).is_err() {
            break;
        }
        if &header[58..60] != b"`\n" {
            return Err(not("a member header is damaged"));
        }
        let name = String::from_utf8_lossy(&header[..16])
            .trim_end()
            .trim_end_matches('/')
            .to_owned();
        let size: u64 = String::from_utf8_lossy(&header[48..58])
            .trim()
            .parse()
            .map_err(|_| not("a member size is damaged"))?;
        if let Some(compression) = name.strip_prefix("control.tar") {
            if size > 16 * 1024 * 1024 {
                return Err(not("its control archive is too large"));
            }
            let mut packed = vec![0u8; usize::try_from(size).unwrap_or(0)];
            file.read_exact(&mut packed)
                .map_err(|_| not("it is cut short"))?;
            let control = control_file(&packed, compression).map_err(|why| not(&why))?;
            return fields(&control)
                .ok_or_else(|| not("its control file lacks Package, Version or Architecture"));
        }
        let padded = size + size % 2;
        file.seek(SeekFrom::Current(i64::try_from(padded).unwrap_or(i64::MAX)))
            .map_err(|_| not("it is cut short"))?;
    }
    Err(not("it has no control archive"))
}

/// The `control` file from a control archive compressed as `compression` (`.gz`, `.xz`,
/// `.zst` or nothing).
fn control_file(packed: &[u8], compression: &str) -> Result<String, String> {
    let limit = 4 * 1024 * 1024;
    let tar_bytes: Vec<u8> = match compression {
        ".gz" => {
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(packed)
                .take(limit)
                .read_to_end(&mut out)
                .map_err(|e| format!("its control archive does not decompress ({e})"))?;
            out
        }
        ".zst" => zstd::stream::read::Decoder::new(packed)
            .and_then(|decoder| {
                let mut out = Vec::new();
                decoder.take(limit).read_to_end(&mut out).map(|_| out)
            })
            .map_err(|e| format!("its control archive does not decompress ({e})"))?,
        ".xz" => {
            let mut out = Vec::new();
            lzma_rs::xz_decompress(&mut std::io::BufReader::new(packed), &mut out)
                .map_err(|e| format!("its control archive does not decompress ({e})"))?;
            out
        }
        "" => packed.to_vec(),
        other => {
            return Err(format!(
                "its control archive is compressed as {other}, which is not read here"
            ));
        }
    };
    let mut archive = tar::Archive::new(tar_bytes.as_slice());
    let entries = archive
        .entries()
        .map_err(|e| format!("its control archive is unreadable ({e})"))?;
    for entry in entries {
        let mut entry = entry.map_err(|e| format!("its control archive is unreadable ({e})"))?;
        let name = entry
            .path()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name == "./control" || name == "control" {
            let mut text = String::new();
            entry
                .by_ref()
                .take(1024 * 1024)
                .read_to_string(&mut text)
                .map_err(|e| format!("its control file is unreadable ({e})"))?;
            return Ok(text);
        }
    }
    Err("its control archive has no control file".into())
}

fn fields(control: &str) -> Option<PackageFields> {
    let field = |name: &str| {
        control.lines().find_map(|line| {
            line.strip_prefix(name)
                .and_then(|rest| rest.strip_prefix(':'))
                .map(|value| value.trim().to_owned())
        })
    };
    Some(PackageFields {
        package: field("Package")?,
        version: field("Version")?,
        architecture: field("Architecture")?,
    })
}

/// The releases of one server.
#[derive(Debug, Clone)]
pub struct ReleaseShelf {
    dir: PathBuf,
}

impl ReleaseShelf {
    /// The shelf in a server's data directory.
    pub fn new(data_dir: &Path) -> ReleaseShelf {
        ReleaseShelf {
            dir: data_dir.join(RELEASES_DIR),
        }
    }

    /// Every published release, oldest version first.
    pub fn list(&self) -> Result<Vec<ReleaseInfo>, ReleaseError> {
        let path = self.dir.join(LIST_FILE);
        match fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
                ReleaseError::NotAPackage(format!("{} is damaged: {e}", path.display()))
            }),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(error) => Err(io("cannot read", &path)(error)),
        }
    }

    /// The signed manifest kiosks fetch, if anything was published.
    pub fn signed_manifest(&self) -> Result<Option<SignedManifest>, ReleaseError> {
        let path = self.dir.join(SIGNED_FILE);
        match fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map(Some).map_err(|e| {
                ReleaseError::NotAPackage(format!("{} is damaged: {e}", path.display()))
            }),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(error) => Err(io("cannot read", &path)(error)),
        }
    }

    /// The package with this hash, if published.
    pub fn file(&self, hash: &str) -> Option<PathBuf> {
        let path = self.dir.join("files").join(hash);
        (wire::is_content_hash(hash) && path.is_file()).then_some(path)
    }

    /// Checks and publishes `deb`, signing the new list with `keys`' key. Publishing the same
    /// file again changes nothing; the same version with other contents is refused.
    pub fn publish(
        &self,
        keys: &ContentShelf,
        deb: &Path,
        now: i64,
    ) -> Result<ReleaseInfo, ReleaseError> {
        let size = fs::metadata(deb).map_err(io("cannot read", deb))?.len();
        if size > wire::MAX_RELEASE_BYTES {
            return Err(ReleaseError::NotAPackage(format!(
                "{} is {size} bytes; a kiosk package is at most {} bytes",
                deb.display(),
                wire::MAX_RELEASE_BYTES
            )));
        }
        let fields = package_fields(deb)?;
        if fields.package != wire::KIOSK_PACKAGE {
            return Err(ReleaseError::NotAPackage(format!(
                "{} is the package {:?}; only {} goes to kiosks",
                deb.display(),
                fields.package,
                wire::KIOSK_PACKAGE
            )));
        }
        if !wire::is_version(&fields.version) {
            return Err(ReleaseError::NotAPackage(format!(
                "its version {:?} is not a Debian version",
                fields.version
            )));
        }
        if !matches!(fields.architecture.as_str(), "amd64" | "all" | "arm64") {
            return Err(ReleaseError::NotAPackage(format!(
                "it is built for {}; kiosks are amd64 or arm64",
                fields.architecture
            )));
        }
        let mut reader = fs::File::open(deb).map_err(io("cannot read", deb))?;
        let mut hasher = blake3::Hasher::new();
        std::io::copy(&mut reader, &mut hasher).map_err(io("cannot read", deb))?;
        let hash = hasher.finalize().to_hex().to_string();
        let mut list = self.list()?;
        if let Some(held) = list.iter().find(|r| r.version == fields.version) {
            if held.blake3 == hash {
                return Ok(held.clone());
            }
            return Err(ReleaseError::VersionTaken(fields.version));
        }
        let files = self.dir.join("files");
        fs::create_dir_all(&files).map_err(io("cannot create", &files))?;
        let target = files.join(&hash);
        let partial = files.join(format!("{hash}.partial"));
        fs::copy(deb, &partial).map_err(io("cannot store", &partial))?;
        fs::rename(&partial, &target).map_err(io("cannot store", &target))?;
        let release = ReleaseInfo {
            version: fields.version,
            architecture: fields.architecture,
            blake3: hash,
            size,
            published_at: now,
        };
        list.push(release.clone());
        list.sort_by(|a, b| wire::compare_versions(&a.version, &b.version));
        let latest = list
            .last()
            .map(|r| r.version.clone())
            .unwrap_or_else(|| release.version.clone());
        let manifest = ReleaseManifest {
            latest,
            releases: list.clone(),
        };
        let text = serde_json::to_string(&manifest).map_err(|e| {
            ReleaseError::NotAPackage(format!("cannot encode the release list: {e}"))
        })?;
        let signature = keys.sign(wire::release_signing_message(&text).as_bytes())?;
        let signed = SignedManifest {
            manifest: text,
            signature,
        };
        self.write(LIST_FILE, &list)?;
        self.write(SIGNED_FILE, &signed)?;
        Ok(release)
    }

    fn write(&self, name: &str, value: &impl serde::Serialize) -> Result<(), ReleaseError> {
        let path = self.dir.join(name);
        let temporary = self.dir.join(format!("{name}.partial"));
        let bytes = serde_json::to_vec_pretty(value)
            .map_err(|e| ReleaseError::NotAPackage(format!("cannot encode {name}: {e}")))?;
        fs::write(&temporary, bytes).map_err(io("cannot write", &temporary))?;
        fs::rename(&temporary, &path).map_err(io("cannot write", &path))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A minimal `.deb` (ar with debian-binary, control.tar.gz and an empty data.tar.gz).
    pub fn deb(package: &str, version: &str, payload: &[u8]) -> Vec<u8> {
        let control = format!(
            "Package: {package}\nVersion: {version}\nArchitecture: amd64\nMaintainer: test\nDescription: test\n"
        );
        let tar_gz = |files: &[(&str, &[u8])]| {
            let mut packed = Vec::new();
            {
                let encoder =
                    flate2::write::GzEncoder::new(&mut packed, flate2::Compression::fast());
                let mut builder = tar::Builder::new(encoder);
                for (name, bytes) in files {
                    let mut header = tar::Header::new_gnu();
                    header.set_size(bytes.len() as u64);
                    header.set_mode(0o644);
                    header.set_cksum();
                    builder.append_data(&mut header, name, *bytes).expect("tar");
                }
                builder.into_inner().expect("tar").finish().expect("gzip");
            }
            packed
        };
        let members: Vec<(&str, Vec<u8>)> = vec![
            ("debian-binary", b"2.0\n".to_vec()),
            (
                "control.tar.gz",
                tar_gz(&[("./control", control.as_bytes())]),
            ),
            ("data.tar.gz", tar_gz(&[("./usr/bin/kiosk", payload)])),
        ];
        let mut out = b"!<arch>\n".to_vec();
        for (name, bytes) in members {
            out.extend(
                format!(
                    "{:<16}{:<12}{:<6}{:<6}{:<8}{:<10}`\n",
                    name,
                    0,
                    0,
                    0,
                    "100644",
                    bytes.len()
                )
                .as_bytes(),
            );
            out.extend(&bytes);
            if bytes.len() % 2 == 1 {
                out.push(b'\n');
            }
        }
        out
    }

    #[test]
    fn packages_are_checked_signed_and_listed_by_version() -> Result<(), ReleaseError> {
        let dir = tempfile::tempdir().map_err(io("tempdir", Path::new("/tmp")))?;
        let keys = ContentShelf::new(dir.path());
        let shelf = ReleaseShelf::new(dir.path());
        let write = |name: &str, bytes: Vec<u8>| {
            let path = dir.path().join(name);
            fs::write(&path, bytes).map(|()| path)
        };
        let new = write("new.deb", deb("inclusion-kiosk", "0.3.0", b"new"))
            .map_err(io("write", dir.path()))?;
        let old = write("old.deb", deb("inclusion-kiosk", "0.2.0", b"old"))
            .map_err(io("write", dir.path()))?;
        assert_eq!(package_fields(&new)?.version, "0.3.0");
        let first = shelf.publish(&keys, &new, 10)?;
        shelf.publish(&keys, &old, 20)?;
        assert_eq!(
            shelf.publish(&keys, &new, 30)?,
            first,
            "the same file again"
        );
        let signed = shelf
            .signed_manifest()?
            .ok_or_else(|| ReleaseError::NotAPackage("none".into()))?;
        let manifest =
            ReleaseManifest::parse_checked(&signed.manifest).map_err(ReleaseError::NotAPackage)?;
        assert_eq!(
            manifest.latest, "0.3.0",
            "the highest version, not the last published"
        );
        assert_eq!(manifest.releases.len(), 2);
        assert!(shelf.file(&first.blake3).is_some());
        // The same version with other contents, another package, and not a package at all.
        let clash = write("clash.deb", deb("inclusion-kiosk", "0.3.0", b"other"))
            .map_err(io("write", dir.path()))?;
        assert!(matches!(
            shelf.publish(&keys, &clash, 40),
            Err(ReleaseError::VersionTaken(_))
        ));
        let server = write("server.deb", deb("inclusion-sync-server", "9.0", b"x"))
            .map_err(io("write", dir.path()))?;
        assert!(matches!(
            shelf.publish(&keys, &server, 40),
            Err(ReleaseError::NotAPackage(_))
        ));
        let text = write("notes.txt", b"hello".to_vec()).map_err(io("write", dir.path()))?;
        assert!(matches!(
            shelf.publish(&keys, &text, 40),
            Err(ReleaseError::NotAPackage(_))
        ));
        Ok(())
    }
}
