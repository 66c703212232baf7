//! Text encodings. DuckDB's reader wants UTF-8; exports from older tools
//! come in Latin-1 or Windows-1252. A file that is not valid UTF-8 is
//! transcoded (as Windows-1252, a superset of Latin-1's printable range) to a
//! temporary UTF-8 copy that DuckDB reads instead.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use crate::ImportError;

pub(crate) enum Source {
    Original(PathBuf),
    Transcoded(tempfile::TempPath),
}

impl Source {
    pub(crate) fn path(&self) -> &Path {
        match self {
            Source::Original(p) => p,
            Source::Transcoded(t) => t,
        }
    }
}

pub(crate) fn open_decompressed(path: &Path) -> Result<Box<dyn Read>, ImportError> {
    let io = |source| ImportError::Io { file: path.to_path_buf(), source };
    let file = File::open(path).map_err(io)?;
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    Ok(match ext.as_str() {
        "gz" => Box::new(flate2::read::GzDecoder::new(file)),
        "zst" => Box::new(zstd::stream::read::Decoder::new(file).map_err(io)?),
        _ => Box::new(file),
    })
}

/// A failed read of the file's content; for a compressed file, most likely a
/// damaged or unfinished download, and said so.
pub(crate) fn read_failed(path: &Path, source: std::io::Error) -> ImportError {
    use std::io::ErrorKind;
    let name = path.to_string_lossy().to_lowercase();
    let compressed = name.ends_with(".gz") || name.ends_with(".zst");
    if compressed && !matches!(source.kind(), ErrorKind::NotFound | ErrorKind::PermissionDenied) {
        return ImportError::Read {
            file: path.to_path_buf(),
            message: format!("the compressed file is damaged or cut short ({source}); download or export it again"),
        };
    }
    ImportError::Io { file: path.to_path_buf(), source }
}

/// The file itself when it reads as UTF-8, else a UTF-8 copy of it.
pub(crate) fn utf8_source(path: &Path) -> Result<Source, ImportError> {
    let io = |source| ImportError::Io { file: path.to_path_buf(), source };
    // The whole file is checked: a single Latin-1 byte deep in a large
    // export would otherwise stop DuckDB's reader half way.
    if is_utf8(open_decompressed(path)?).map_err(|e| read_failed(path, e))? {
        return Ok(Source::Original(path.to_path_buf()));
    }
    let tmp = tempfile::Builder::new().prefix("insights-import-").suffix(".csv").tempfile().map_err(io)?;
    {
        let mut reader = BufReader::new(open_decompressed(path)?);
        let mut out = BufWriter::new(tmp.as_file());
        let mut decoder = encoding_rs::WINDOWS_1252.new_decoder();
        let mut input = vec![0u8; 1 << 16];
        let mut output = String::with_capacity(1 << 17);
        loop {
            let n = reader.read(&mut input).map_err(|e| read_failed(path, e))?;
            let last = n == 0;
            let mut consumed = 0;
            loop {
                output.clear();
                let (result, read, _) = decoder.decode_to_string(&input[consumed..n], &mut output, last);
                consumed += read;
                out.write_all(output.as_bytes()).map_err(io)?;
                if result == encoding_rs::CoderResult::InputEmpty {
                    break;
                }
            }
            if last {
                break;
            }
        }
        out.flush().map_err(io)?;
    }
    Ok(Source::Transcoded(tmp.into_temp_path()))
}

/// Whether a stream is valid UTF-8, read in blocks; a character cut at the
/// end of the stream counts as valid (DuckDB reads it as far as it goes).
fn is_utf8(mut reader: impl Read) -> std::io::Result<bool> {
    let mut buf = vec![0u8; 1 << 16];
    let mut carried = 0;
    loop {
        let n = match reader.read(&mut buf[carried..]) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let filled = carried + n;
        match std::str::from_utf8(&buf[..filled]) {
            Ok(_) => carried = 0,
            // A character split across two blocks: keep its start for the next.
            Err(e) if e.error_len().is_none() => {
                let valid = e.valid_up_to();
                buf.copy_within(valid..filled, 0);
                carried = filled - valid;
            }
            Err(_) => return Ok(false),
        }
        if n == 0 {
            return Ok(true);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_checked_across_block_boundaries_and_to_the_end() {
        let mut text = "a".repeat((1 << 16) - 1).into_bytes();
        text.extend_from_slice("é".as_bytes()); // split across the first two blocks
        assert!(is_utf8(&text[..]).unwrap());
        text.extend_from_slice(&vec![b'b'; 5 << 20]);
        assert!(is_utf8(&text[..]).unwrap());
        text.push(0xE9); // a lone Latin-1 byte, far past the start
        text.push(b'!');
        assert!(!is_utf8(&text[..]).unwrap());
        assert!(is_utf8(&"ok€".as_bytes()[..4]).unwrap(), "a character cut at the very end");
    }
}
