//! The bundled font (Liberation Sans Regular, SIL OFL 1.1): its bytes, its
//! registration with plotters for measuring and rasterising text, and the
//! SVG touches that make the browser set text exactly as the PNG does.

use std::sync::OnceLock;

use plotters::style::{register_font, FontStyle};

use crate::ChartError;

/// CSS family name of the bundled font; the SVG's text uses it.
pub const FONT_FAMILY: &str = "Liberation Sans";

/// Licence of the bundled font, to ship or show alongside it.
pub const FONT_LICENSE: &str = include_str!("../fonts/LiberationSans-OFL.txt");

static FONT: &[u8] = include_bytes!("../fonts/LiberationSans-Regular.ttf");

/// The bundled TrueType font, for the UI's `@font-face` of [`FONT_FAMILY`].
pub fn font_bytes() -> &'static [u8] {
    FONT
}

/// Fallbacks after the bundled family in the SVG: Arial has the same
/// advance widths as Liberation Sans, so labels keep their fit.
const CSS_FALLBACK: &str = "Arial, sans-serif";

/// The font's line height (hhea ascender − descender) in ems. plotters sizes
/// text by that height, so an em is `size / HEIGHT_PER_EM` pixels in the PNG.
pub(crate) const HEIGHT_PER_EM: f64 = (1854.0 + 434.0) / 2048.0;

/// plotters' SVG backend writes `font-size` as the text size divided by this.
const SVG_BACKEND_DIVISOR: f64 = 1.24;

/// Registers the bundled font with plotters, once. Also under `sans-serif`,
/// so any text that names the generic family is measured with it too.
pub(crate) fn ensure_registered() -> Result<(), ChartError> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| {
        [FONT_FAMILY, "sans-serif"].iter().all(|name| register_font(name, FontStyle::Normal, FONT).is_ok())
    });
    if ok {
        Ok(())
    } else {
        Err(ChartError::Font)
    }
}

/// Rewrites the text attributes plotters wrote so the SVG matches the PNG:
/// font sizes become the font's em as plotters measured it, and the family
/// gets its fallbacks.
pub(crate) fn finish_svg(svg: &str) -> String {
    let svg = with_view_box(svg);
    let family_attr = format!("font-family=\"{FONT_FAMILY}\"");
    let with_fallback = format!("font-family=\"{FONT_FAMILY}, {CSS_FALLBACK}\"");
    let svg = svg.replace(&family_attr, &with_fallback);

    const KEY: &str = "font-size=\"";
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg.as_str();
    while let Some(at) = rest.find(KEY) {
        let value_start = at + KEY.len();
        out.push_str(&rest[..value_start]);
        rest = &rest[value_start..];
        let end = rest.find('"').unwrap_or(rest.len());
        match rest[..end].parse::<f64>() {
            Ok(v) => {
                let em = v * SVG_BACKEND_DIVISOR / HEIGHT_PER_EM;
                let s = format!("{em:.2}");
                out.push_str(s.trim_end_matches('0').trim_end_matches('.'));
            }
            Err(_) => out.push_str(&rest[..end]),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The document from its root element on, with a `viewBox` taken from its
/// `width` and `height` when it has none: what the app inserts into a page
/// and sizes with CSS (`width: 100%; height: auto`), keeping proportions.
fn with_view_box(svg: &str) -> String {
    let Some(root) = svg.find("<svg") else { return svg.to_string() };
    let svg = &svg[root..];
    let tag = &svg[..svg.find('>').unwrap_or(svg.len())];
    if tag.contains("viewBox=") {
        return svg.to_string();
    }
    let attr = |name: &str| {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        tag[at..].split('"').next()?.parse::<f64>().ok()
    };
    match (attr("width"), attr("height")) {
        (Some(w), Some(h)) => format!("<svg viewBox=\"0 0 {w} {h}\"{}", &svg[4..]),
        _ => svg.to_string(),
    }
}

/// Puts the bundled font into the SVG as a base64 `@font-face`, right after
/// the root element's opening tag.
pub(crate) fn embed_font(svg: &str) -> String {
    let style = format!(
        "<defs><style>@font-face{{font-family:\"{FONT_FAMILY}\";font-style:normal;font-weight:normal;\
         src:url(data:font/ttf;base64,{}) format(\"truetype\");}}</style></defs>",
        base64(FONT)
    );
    let insert_at = svg.find("<svg").and_then(|start| svg[start..].find('>').map(|end| start + end + 1));
    match insert_at {
        Some(at) => {
            let mut out = String::with_capacity(svg.len() + style.len() + 1);
            out.push_str(&svg[..at]);
            out.push('\n');
            out.push_str(&style);
            out.push_str(&svg[at..]);
            out
        }
        None => svg.to_string(),
    }
}

/// Standard base64 (RFC 4648, with padding).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
        assert_eq!(base64(&[0xfb, 0xff, 0xfe]), "+//+");
    }

    fn table<'a>(font: &'a [u8], tag: &[u8; 4]) -> &'a [u8] {
        let count = u16::from_be_bytes([font[4], font[5]]) as usize;
        for i in 0..count {
            let rec = &font[12 + 16 * i..28 + 16 * i];
            if &rec[..4] == tag {
                let offset = u32::from_be_bytes([rec[8], rec[9], rec[10], rec[11]]) as usize;
                return &font[offset..];
            }
        }
        panic!("no {tag:?} table");
    }

    #[test]
    fn line_height_constant_matches_the_bundled_font() {
        let head = table(FONT, b"head");
        let hhea = table(FONT, b"hhea");
        let os2 = table(FONT, b"OS/2");
        let units_per_em = f64::from(u16::from_be_bytes([head[18], head[19]]));
        let ascender = f64::from(i16::from_be_bytes([hhea[4], hhea[5]]));
        let descender = f64::from(i16::from_be_bytes([hhea[6], hhea[7]]));
        // USE_TYPO_METRICS would make the rasteriser read OS/2 instead of hhea.
        let fs_selection = u16::from_be_bytes([os2[62], os2[63]]);
        assert_eq!(fs_selection & (1 << 7), 0);
        assert_eq!((ascender - descender) / units_per_em, HEIGHT_PER_EM);
    }

    #[test]
    fn font_registers_and_is_a_truetype_file() {
        assert_eq!(&font_bytes()[..4], &[0, 1, 0, 0]);
        ensure_registered().unwrap();
        assert!(FONT_LICENSE.contains("SIL Open Font License"));
    }

    #[test]
    fn svg_text_gets_em_sizes_and_fallbacks() {
        // What plotters writes for text sized to a 12 px em.
        let size = 12.0 * HEIGHT_PER_EM / SVG_BACKEND_DIVISOR;
        let raw = format!(
            "<svg width=\"10\" height=\"10\"><text font-family=\"{FONT_FAMILY}\" font-size=\"{size}\">a</text></svg>"
        );
        let done = finish_svg(&raw);
        assert!(done.contains("font-size=\"12\""), "{done}");
        assert!(done.contains(&format!("font-family=\"{FONT_FAMILY}, Arial, sans-serif\"")), "{done}");
        let embedded = embed_font(&done);
        assert!(
            embedded.starts_with("<svg viewBox=\"0 0 10 10\" width=\"10\" height=\"10\">\n<defs><style>@font-face{")
        );
        assert!(embedded
            .ends_with("<text font-family=\"Liberation Sans, Arial, sans-serif\" font-size=\"12\">a</text></svg>"));
    }
}
