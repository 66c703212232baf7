//! Knowledge-base documents (Markdown, plain text, HTML) into documents and
//! passages. Each passage keeps the path of headings above it, so an answer
//! can cite "Returns and Exchanges › Refunds". Documents are small, so they
//! are read here rather than through DuckDB's CSV reader.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::staging::{Context, Counts};
use crate::ImportError;

/// Passages longer than this are split at paragraph boundaries.
const MAX_CHUNK_CHARS: usize = 1_200;

pub(crate) fn is_document(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    [".md", ".markdown", ".txt", ".html", ".htm"].iter().any(|ext| name.ends_with(ext))
}

/// Folder names under which every document is taken as a store policy.
const POLICY_FOLDERS: &[&str] = &[
    "knowledge-base",
    "knowledge_base",
    "knowledgebase",
    "kb",
    "policies",
    "policy",
    "help",
    "help-center",
    "faq",
    "faqs",
    "pages",
    "legal",
];

/// Whether a document found while walking a folder is a store policy: it
/// lies in a folder named like one (`rel` is its path from the folder given,
/// that folder included), or it reads like a page — a Markdown heading, an
/// HTML `<h1>` or `<title>`, a plain-text title line set off by a blank line.
/// A document given on its own is always imported; this keeps, say, the
/// `rgb.txt` of a system folder out of the assistant's sources.
pub(crate) fn is_policy(path: &Path, rel: &str) -> bool {
    let folders: Vec<&str> = rel.split('/').collect();
    let in_policy_folder =
        folders[..folders.len().saturating_sub(1)].iter().any(|f| POLICY_FOLDERS.contains(&f.to_lowercase().as_str()));
    in_policy_folder || reads_like_a_page(path)
}

fn reads_like_a_page(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::with_capacity(4096);
    let Ok(file) = std::fs::File::open(path) else { return false };
    if file.take(4096).read_to_end(&mut head).is_err() {
        return false;
    }
    let text = decode(&head);
    let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    if name.ends_with(".html") || name.ends_with(".htm") {
        let lower = text.to_lowercase();
        return lower.contains("<h1") || lower.contains("<title");
    }
    let lines: Vec<&str> = text.lines().map(str::trim_end).skip_while(|l| l.trim().is_empty()).collect();
    let Some(first) = lines.first() else { return false };
    let heading = first.starts_with("# ") || first.starts_with("## ");
    let underlined =
        lines.get(1).is_some_and(|l| l.len() >= 3 && (l.chars().all(|c| c == '=') || l.chars().all(|c| c == '-')));
    let title_line = first.chars().count() <= 80
        && first.chars().next().is_some_and(char::is_alphanumeric)
        && lines.get(1).is_some_and(|l| l.trim().is_empty())
        && lines.len() > 2;
    heading || underlined || title_line
}

#[derive(Debug, PartialEq)]
pub(crate) struct Chunk {
    pub heading_path: String,
    pub text: String,
}

pub(crate) fn import(ctx: &Context) -> Result<Counts, ImportError> {
    let bytes = std::fs::read(ctx.file).map_err(|source| ImportError::Io { file: ctx.file.to_path_buf(), source })?;
    if bytes.contains(&0) {
        return Err(ImportError::BinaryFile { file: ctx.file.to_path_buf() });
    }
    let text = decode(&bytes);
    if text.trim().is_empty() {
        return Err(ImportError::EmptyFile { file: ctx.file.to_path_buf() });
    }
    let name = ctx.file.to_string_lossy().to_lowercase();
    let (format, markdown) = if name.ends_with(".html") || name.ends_with(".htm") {
        ("html", html_to_markdown(&text))
    } else if name.ends_with(".txt") {
        ("text", text.clone())
    } else {
        ("markdown", text.clone())
    };
    let stem = ctx.file.file_stem().map(|s| s.to_string_lossy().replace(['-', '_'], " ")).unwrap_or_default();
    let (title, chunks) = chunk(&markdown, &stem);
    let sha = hex::encode(Sha256::digest(&bytes));
    let doc_id = ctx.relative;

    let existing: Option<String> = {
        let mut stmt = ctx.tx.prepare("SELECT sha256 FROM kb_documents WHERE doc_id = ?")?;
        let mut rows = stmt.query([doc_id])?;
        match rows.next()? {
            Some(r) => Some(r.get(0)?),
            None => None,
        }
    };
    let rows_read = chunks.len() as i64;
    if existing.as_deref() == Some(sha.as_str()) {
        return Ok(Counts { rows_read, ..Counts::default() }); // unchanged
    }
    ctx.tx.execute(
        "INSERT OR REPLACE INTO kb_documents (doc_id, title, format, body, sha256, imported_at)
         VALUES (?, ?, ?, ?, ?, current_timestamp)",
        insights_store::duckdb::params![doc_id, title, format, text, sha],
    )?;
    ctx.tx.execute("DELETE FROM kb_chunks WHERE doc_id = ?", [doc_id])?;
    let mut insert =
        ctx.tx.prepare("INSERT INTO kb_chunks (chunk_id, doc_id, seq, heading_path, text) VALUES (?, ?, ?, ?, ?)")?;
    for (i, c) in chunks.iter().enumerate() {
        insert.execute(insights_store::duckdb::params![
            format!("{doc_id}#{i}"),
            doc_id,
            i as i32,
            c.heading_path,
            c.text
        ])?;
    }
    let updated = existing.is_some() as i64;
    Ok(Counts { rows_read, inserted: 1 - updated, updated, ..Counts::default() })
}

/// UTF-8 (with or without BOM), else Windows-1252, which also reads Latin-1.
fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    }
}

/// Splits Markdown into passages under their heading path. The title is the
/// first `#` heading, else `fallback_title`.
pub(crate) fn chunk(markdown: &str, fallback_title: &str) -> (String, Vec<Chunk>) {
    let mut title: Option<String> = None;
    let mut path: Vec<(usize, String)> = Vec::new();
    let mut chunks = Vec::new();
    let mut paragraph = String::new();
    let mut section = String::new();
    let flush_section =
        |section: &mut String, path: &[(usize, String)], title: &Option<String>, chunks: &mut Vec<Chunk>| {
            let body = section.trim();
            if body.is_empty() {
                section.clear();
                return;
            }
            let mut heading: Vec<&str> = Vec::new();
            if let Some(t) = title {
                heading.push(t);
            }
            heading.extend(path.iter().map(|(_, h)| h.as_str()));
            let heading_path = if heading.is_empty() { fallback_title.to_string() } else { heading.join(" › ") };
            for piece in split_long(body) {
                chunks.push(Chunk { heading_path: heading_path.clone(), text: piece });
            }
            section.clear();
        };
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        let level = trimmed.chars().take_while(|c| *c == '#').count();
        if (1..=6).contains(&level) && trimmed[level..].starts_with(' ') {
            section.push_str(&paragraph);
            paragraph.clear();
            flush_section(&mut section, &path, &title, &mut chunks);
            let text = trimmed[level..].trim().trim_end_matches('#').trim().to_string();
            if level == 1 && title.is_none() {
                title = Some(text);
                path.clear();
            } else {
                path.retain(|(l, _)| *l < level);
                path.push((level, text));
            }
            continue;
        }
        if trimmed.is_empty() {
            if !paragraph.trim().is_empty() {
                section.push_str(paragraph.trim_end());
                section.push_str("\n\n");
            }
            paragraph.clear();
        } else {
            paragraph.push_str(line.trim_end());
            paragraph.push('\n');
        }
    }
    section.push_str(&paragraph);
    flush_section(&mut section, &path, &title, &mut chunks);
    (title.unwrap_or_else(|| fallback_title.to_string()), chunks)
}

fn split_long(body: &str) -> Vec<String> {
    if body.chars().count() <= MAX_CHUNK_CHARS {
        return vec![body.to_string()];
    }
    let mut out = Vec::new();
    let mut current = String::new();
    for para in body.split("\n\n") {
        if !current.is_empty() && current.chars().count() + para.chars().count() > MAX_CHUNK_CHARS {
            out.push(std::mem::take(&mut current).trim().to_string());
        }
        current.push_str(para);
        current.push_str("\n\n");
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_string());
    }
    out
}

/// Enough of HTML for policy pages: headings become Markdown headings, block
/// ends become blank lines, scripts, styles and comments are dropped with
/// what they hold, other tags are dropped, common entities decoded.
fn html_to_markdown(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    let mut skip_depth = 0usize; // inside <script>/<style>/<head>
    while let Some(start) = rest.find('<') {
        if skip_depth == 0 {
            out.push_str(&decode_entities(&rest[..start]));
        }
        if rest[start..].starts_with("<!--") {
            let Some(end) = rest[start + 4..].find("-->") else { return out };
            rest = &rest[start + 4 + end + 3..];
            continue;
        }
        let Some(end) = rest[start..].find('>') else { break };
        let tag = rest[start + 1..start + end].trim().to_lowercase();
        let name: String = tag.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        let closing = tag.starts_with('/');
        match name.as_str() {
            "script" | "style" | "head" => {
                skip_depth = if closing { skip_depth.saturating_sub(1) } else { skip_depth + 1 };
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" if !closing => {
                let level = name[1..].parse::<usize>().unwrap_or(2);
                out.push_str("\n\n");
                out.push_str(&"#".repeat(level));
                out.push(' ');
            }
            "li" if !closing => out.push_str("\n- "),
            "p" | "div" | "br" | "ul" | "ol" | "table" | "tr" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "section" => {
                out.push_str("\n\n")
            }
            _ => {}
        }
        rest = &rest[start + end + 1..];
    }
    if skip_depth == 0 {
        out.push_str(&decode_entities(rest));
    }
    out
}

fn decode_entities(s: &str) -> String {
    s.replace("&nbsp;", " ")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passages_keep_their_heading_path() {
        let md = "# Returns and Exchanges\n\nIntro line.\n\n## Refunds\n\nWe refund in 5 days.\n\n### Sale items\n\nFinal sale.\n\n## Exchanges\n\nFree within 30 days.\n";
        let (title, chunks) = chunk(md, "returns");
        assert_eq!(title, "Returns and Exchanges");
        let paths: Vec<&str> = chunks.iter().map(|c| c.heading_path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "Returns and Exchanges",
                "Returns and Exchanges › Refunds",
                "Returns and Exchanges › Refunds › Sale items",
                "Returns and Exchanges › Exchanges"
            ]
        );
        assert_eq!(chunks[3].text, "Free within 30 days.");
    }

    #[test]
    fn html_headings_become_sections() {
        let html = "<html><head><title>x</title><style>p{}</style></head><body><h1>Shipping</h1><p>We ship &amp; track.</p><h2>Times</h2><ul><li>US: 3 days</li></ul></body></html>";
        let (title, chunks) = chunk(&html_to_markdown(html), "shipping");
        assert_eq!(title, "Shipping");
        assert_eq!(chunks[0].text, "We ship & track.");
        assert_eq!(chunks[1].heading_path, "Shipping › Times");
        assert!(chunks[1].text.contains("US: 3 days"));
    }

    #[test]
    fn scripts_styles_and_comments_are_dropped_with_their_contents() {
        let html = "<h1>Care</h1><style>.care{color:red}</style><p>Wax <!-- internal: margin 60% --> twice a year.</p>\
                    <script>track('care')</script><p>Dry slowly.</p><!-- unclosed";
        let (_, chunks) = chunk(&html_to_markdown(html), "care");
        let text: Vec<&str> = chunks.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(text, ["Wax  twice a year.\n\nDry slowly."]);
    }

    #[test]
    fn long_sections_split_at_paragraphs() {
        let para = "word ".repeat(100);
        let md = format!("# T\n\n{para}\n\n{para}\n\n{para}\n\n{para}\n");
        let (_, chunks) = chunk(&md, "t");
        assert!(chunks.len() >= 2 && chunks.iter().all(|c| c.text.chars().count() <= MAX_CHUNK_CHARS));
    }

    #[test]
    fn windows_1252_text_is_decoded() {
        assert_eq!(decode(b"caf\xe9 \x93quoted\x94"), "café “quoted”");
    }
}
