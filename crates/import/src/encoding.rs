//! Text encodings. DuckDB's reader wants UTF-8; exports from older tools
//! come in Latin-1 or Windows-1252. A file that is not valid UTF-8 is
//! transcoded (as Windows-1252, a superset of Latin-1's printable range) to a
//! temporary UTF-8 copy that DuckDB reads instead.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use crate::ImportError;

/// How much of a file is checked for UTF-8 before trusting the rest.
const SNIFF_BYTES: usize = 4 << 20;

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

/// The file itself when it reads as UTF-8, else a UTF-8 copy of it.
pub(crate) fn utf8_source(path: &Path) -> Result<Source, ImportError> {
    let io = |source| ImportError::Io { file: path.to_path_buf(), source };
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    open_decompressed(path)?.take(SNIFF_BYTES as u64).read_to_end(&mut head).map_err(io)?;
    match std::str::from_utf8(&head) {
        Ok(_) => return Ok(Source::Original(path.to_path_buf())),
        // A multi-byte character cut at the end of the sample is still UTF-8.
        Err(e) if e.error_len().is_none() => return Ok(Source::Original(path.to_path_buf())),
        Err(_) => {}
    }
    let tmp = tempfile::Builder::new().prefix("insights-import-").suffix(".csv").tempfile().map_err(io)?;
    {
        let mut reader = BufReader::new(open_decompressed(path)?);
        let mut out = BufWriter::new(tmp.as_file());
        let mut decoder = encoding_rs::WINDOWS_1252.new_decoder();
        let mut input = vec![0u8; 1 << 16];
        let mut output = String::with_capacity(1 << 17);
        loop {
            let n = reader.read(&mut input).map_err(io)?;
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
