//! Policy passages are kept as the merchant wrote them, in Markdown; a reply
//! quotes them as plain text that can go into a chat widget as it is. This
//! rewrites what is not text (raw HTML, links, images) and leaves the lines,
//! bullets and table rows that the quoting reads.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// `markdown` with each link as its text and address (a `javascript:`,
/// `vbscript:` or `data:` link as its text alone), each image as its
/// description, and raw HTML as its text: tags dropped, scripts, styles and
/// comments dropped with what they hold.
pub(crate) fn reply_text(markdown: &str) -> String {
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    // The link or image being read: its source span, its address if shown, its text.
    let mut open: Option<(Range<usize>, Option<String>, String)> = None;
    let mut nested = 0usize; // links and images inside the open one
    let mut in_html_block = false;
    let mut in_inline_script = false; // between inline <script>/<style> and its end tag
    for (event, span) in Parser::new_ext(markdown, Options::ENABLE_TABLES).into_offset_iter() {
        if let Some((_, _, text)) = open.as_mut() {
            match event {
                Event::Start(Tag::Link { .. } | Tag::Image { .. }) => nested += 1,
                Event::End(TagEnd::Link | TagEnd::Image) if nested > 0 => nested -= 1,
                Event::End(TagEnd::Link | TagEnd::Image) => {
                    let (span, address, text) = open.take().expect("a link is open");
                    edits.push((span, link_text(text.trim(), address)));
                }
                Event::Text(t) | Event::Code(t) => text.push_str(&t),
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::HtmlBlock) => {
                in_html_block = true;
                let block = &markdown[span.clone()];
                let text = html_text(block);
                // The block's lines become one line of text, then the blank line that ends it.
                edits.push((span, if text.is_empty() { String::new() } else { format!("{text}\n") }));
            }
            Event::End(TagEnd::HtmlBlock) => in_html_block = false,
            _ if in_html_block => {}
            Event::InlineHtml(h) => {
                let tag = h.trim_start_matches('<').to_ascii_lowercase();
                if tag.starts_with("script") || tag.starts_with("style") {
                    in_inline_script = true;
                } else if tag.starts_with("/script") || tag.starts_with("/style") {
                    in_inline_script = false;
                }
                edits.push((span, String::new()));
            }
            Event::Text(_) | Event::Code(_) if in_inline_script => edits.push((span, String::new())),
            Event::Start(Tag::Link { dest_url, .. }) => open = Some((span, safe_address(&dest_url), String::new())),
            Event::Start(Tag::Image { .. }) => open = Some((span, None, String::new())),
            _ => {}
        }
    }
    let mut out = String::with_capacity(markdown.len());
    let mut at = 0;
    for (span, replacement) in edits {
        if span.start < at {
            continue; // inside an edit already made
        }
        out.push_str(&markdown[at..span.start]);
        out.push_str(&replacement);
        at = span.end;
    }
    out.push_str(&markdown[at..]);
    out
}

/// A link as text: "text (address)", the address alone when it is the text,
/// the text alone when the address is not shown (nothing when the text is
/// itself that address, as in `<javascript:…>`).
fn link_text(text: &str, address: Option<String>) -> String {
    match address {
        Some(a) if text.is_empty() || text == a => a,
        Some(a) => format!("{text} ({a})"),
        None if safe_address(text).is_none() => String::new(),
        None => text.to_string(),
    }
}

/// The address, unless it runs code or carries inline data.
fn safe_address(address: &str) -> Option<String> {
    let scheme: String =
        address.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control()).take(11).collect();
    let scheme = scheme.to_ascii_lowercase();
    let unsafe_scheme = ["javascript:", "vbscript:", "data:"].iter().any(|s| scheme.starts_with(s));
    (!unsafe_scheme).then(|| address.to_string())
}

/// Raw HTML as text on one line: scripts, styles and comments dropped with
/// what they hold (an unclosed one runs to the end), other tags dropped,
/// spaces collapsed.
fn html_text(html: &str) -> String {
    let lower = html.to_ascii_lowercase(); // the same byte offsets as `html`
    let mut out = String::new();
    let mut at = 0;
    while let Some(lt) = lower[at..].find('<').map(|i| at + i) {
        out.push_str(&html[at..lt]);
        out.push(' ');
        let rest = &lower[lt..];
        let end = if rest.starts_with("<!--") {
            rest.find("-->").map(|i| i + 3)
        } else if let Some(name) = ["<script", "<style"].into_iter().find(|n| rest.starts_with(n)) {
            let close = format!("</{}", &name[1..]);
            rest.find(&close).and_then(|i| rest[i..].find('>').map(|j| i + j + 1))
        } else {
            rest.find('>').map(|i| i + 1)
        };
        match end {
            Some(end) => at = lt + end,
            None => {
                at = html.len();
                break;
            }
        }
    }
    out.push_str(&html[at..]);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_keep_their_text_and_address_unless_the_address_runs_code() {
        let md = "See [our policy](https://shop.example/returns), [click here](javascript:alert(1)), \
                  [this](  JavaScript:alert(2)), [data](data:text/html;base64,PHNjcmlwdD4=) and <https://help.example>.";
        assert_eq!(
            reply_text(md),
            "See our policy (https://shop.example/returns), click here, this, data and https://help.example."
        );
    }

    #[test]
    fn images_are_their_description() {
        assert_eq!(
            reply_text("Wash like this: ![a boot in warm water](data:image/png;base64,AAAA)."),
            "Wash like this: a boot in warm water."
        );
    }

    #[test]
    fn raw_html_is_reduced_to_its_text() {
        let md = "Intro.\n\n<div class=\"note\">\n<b>Free</b> returns<!-- internal -->\n<script>\nalert(1)\n</script>\n</div>\n\nEnd <span onclick=\"x()\">now</span> <script>alert(2)</script>then.\n";
        let text = reply_text(md);
        assert_eq!(text, "Intro.\n\nFree returns\n\nEnd now then.\n");
    }

    #[test]
    fn tables_lists_and_lines_are_left_for_the_quoting() {
        let md = "- **Care products** are final sale.\n\n| Code | Discount |\n| --- | --- |\n| WELCOME10 | 10% off |\n";
        assert_eq!(reply_text(md), md);
    }
}
