//! Small shared helpers: the fixed history window, seeded random streams,
//! weighted choice, money and date formatting, and file/CSV writers (plain or
//! zstd-compressed) that map I/O failures to [`SampleError`].

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::SampleError;

/// First day of the store's history.
pub fn start_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 11, 1).expect("valid date")
}
/// Number of days in the history (2024-11-01 ..= 2026-10-31).
pub const HISTORY_DAYS: i64 = 730;

/// Unix seconds of the start of the history.
pub fn start_ts() -> i64 {
    start_date().and_hms_opt(0, 0, 0).expect("valid time").and_utc().timestamp()
}
/// Unix seconds of the end of the history (exclusive: 2026-11-01 00:00 UTC).
pub fn end_ts() -> i64 {
    start_ts() + HISTORY_DAYS * 86_400
}

/// A random stream for one part of the generator: same seed, different stream.
pub fn rng_for(seed: u64, stream: u64) -> ChaCha8Rng {
    let mut r = ChaCha8Rng::seed_from_u64(seed);
    r.set_stream(stream);
    r
}

/// Shopify's export date format: `2025-03-14 10:22:31 +0000`.
pub fn shopify_ts(ts: i64) -> String {
    let dt: DateTime<Utc> = Utc.timestamp_opt(ts, 0).single().expect("valid timestamp");
    dt.format("%Y-%m-%d %H:%M:%S +0000").to_string()
}

/// ISO 8601 UTC: `2026-03-14T10:22:31Z`.
pub fn iso_ts(ts: i64) -> String {
    let dt: DateTime<Utc> = Utc.timestamp_opt(ts, 0).single().expect("valid timestamp");
    dt.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Day index (0-based from the start of the history) to a date.
pub fn day_date(day: i64) -> NaiveDate {
    start_date() + chrono::Duration::days(day)
}

/// Month (1-12) of a day index.
pub fn day_month(day: i64) -> u32 {
    day_date(day).month()
}

/// Cents to `12.34`.
pub fn money(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let c = cents.abs();
    format!("{sign}{}.{:02}", c / 100, c % 100)
}

/// Rounds a float amount of cents to whole cents (half away from zero).
pub fn round_cents(x: f64) -> i64 {
    x.round() as i64
}

/// Picks an index with probability proportional to `weights` (linear scan; for short lists).
pub fn pick_weighted<R: Rng>(rng: &mut R, weights: &[f64]) -> usize {
    let total: f64 = weights.iter().sum();
    let mut x = rng.random::<f64>() * total;
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= *w;
    }
    // Floating-point leftovers: the last index with a positive weight.
    weights.iter().rposition(|w| *w > 0.0).unwrap_or(0)
}

/// Picks one element of a slice uniformly.
pub fn pick<'a, T, R: Rng>(rng: &mut R, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// Cumulative weights for fast repeated weighted choice over a fixed list.
#[derive(Debug, Clone, Default)]
pub struct Cumulative {
    cum: Vec<f64>,
}

impl Cumulative {
    pub fn new(weights: impl IntoIterator<Item = f64>) -> Self {
        let mut cum = Vec::new();
        let mut acc = 0.0;
        for w in weights {
            acc += w.max(0.0);
            cum.push(acc);
        }
        Cumulative { cum }
    }
    pub fn total(&self) -> f64 {
        self.cum.last().copied().unwrap_or(0.0)
    }
    pub fn is_empty(&self) -> bool {
        self.total() <= 0.0
    }
    pub fn sample<R: Rng>(&self, rng: &mut R) -> usize {
        let x = rng.random::<f64>() * self.total();
        let i = self.cum.partition_point(|c| *c <= x);
        i.min(self.cum.len() - 1)
    }
}

/// A standard normal draw (Box-Muller).
pub fn normal<R: Rng>(rng: &mut R) -> f64 {
    let u1: f64 = 1.0 - rng.random::<f64>();
    let u2: f64 = rng.random::<f64>();
    (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
}

/// URL handle from a title: lowercase ASCII words joined by `-`.
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut dash = false;
    for ch in s.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
            dash = false;
        } else if !dash && !out.is_empty() {
            out.push('-');
            dash = true;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> SampleError + '_ {
    move |source| SampleError::Io { path: path.to_path_buf(), source }
}

/// Writes a whole file.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), SampleError> {
    std::fs::write(path, bytes).map_err(io_err(path))
}

/// File name of a CSV export: `name.csv.zst` when compressing, `name.csv` otherwise.
pub fn csv_name(stem: &str, zstd_level: Option<i32>) -> String {
    match zstd_level {
        Some(_) => format!("{stem}.csv.zst"),
        None => format!("{stem}.csv"),
    }
}

/// Window of the zstd encoder: 2^27 bytes (128 MiB), the largest a decoder
/// accepts without being told to (`zstd -d`, DuckDB, `zstd::stream::read::Decoder`).
const ZSTD_WINDOW_LOG: u32 = 27;

/// The file under a CSV writer: plain or zstd-compressed.
pub enum Sink {
    Plain(BufWriter<File>),
    Zstd(zstd::stream::write::Encoder<'static, BufWriter<File>>),
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Plain(w) => w.write(buf),
            Sink::Zstd(w) => w.write(buf),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Plain(w) => w.flush(),
            Sink::Zstd(w) => w.flush(),
        }
    }
}

impl Sink {
    /// A single-threaded zstd encoder with long-distance matching and a 2^27
    /// window: its output depends only on the bytes written and the level.
    fn zstd(buf: BufWriter<File>, level: i32) -> std::io::Result<Self> {
        let mut enc = zstd::stream::write::Encoder::new(buf, level)?;
        enc.long_distance_matching(true)?;
        enc.window_log(ZSTD_WINDOW_LOG)?;
        enc.include_checksum(true)?;
        Ok(Sink::Zstd(enc))
    }

    fn finish(self) -> std::io::Result<()> {
        match self {
            Sink::Plain(mut w) => w.flush(),
            Sink::Zstd(w) => w.finish()?.flush(),
        }
    }
}

/// A CSV writer over a plain or zstd-compressed file, with errors naming the path.
pub struct CsvOut {
    path: PathBuf,
    w: csv::Writer<Sink>,
}

impl CsvOut {
    /// Creates the file; zstd-compresses at `zstd_level` when given (the name
    /// should then end in `.zst`, see [`csv_name`]), writes plain CSV otherwise.
    pub fn create(path: &Path, zstd_level: Option<i32>) -> Result<Self, SampleError> {
        let file = File::create(path).map_err(io_err(path))?;
        let buf = BufWriter::with_capacity(1 << 16, file);
        let sink = match zstd_level {
            Some(level) => Sink::zstd(buf, level).map_err(io_err(path))?,
            None => Sink::Plain(buf),
        };
        let w = csv::WriterBuilder::new().flexible(false).from_writer(sink);
        Ok(CsvOut { path: path.to_path_buf(), w })
    }
    pub fn row<I, T>(&mut self, fields: I) -> Result<(), SampleError>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<[u8]>,
    {
        self.w.write_record(fields).map_err(|source| SampleError::Csv { path: self.path.clone(), source })
    }

    /// Flushes and closes the file (finishing the zstd frame).
    pub fn finish(self) -> Result<(), SampleError> {
        let path = self.path;
        let sink = self
            .w
            .into_inner()
            .map_err(|e| SampleError::Io { path: path.clone(), source: std::io::Error::other(e.to_string()) })?;
        sink.finish().map_err(io_err(&path))
    }
}
