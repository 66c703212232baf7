//! Writes every sample chart as PNG and SVG (typical and empty input) to
//! `<target dir>/charts-preview/`, to look at when changing the drawing.

mod common;

use std::path::PathBuf;

use insights_charts::{render_png, render_svg, render_svg_standalone};

fn preview_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("charts-preview")
}

#[test]
fn writes_previews_of_every_chart() {
    let dir = preview_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let all = common::typical().into_iter().map(|(n, c)| (n.to_string(), c));
    let empty = common::empty().into_iter().map(|(n, c)| (format!("{n}_empty"), c));
    let crowded = common::crowded().into_iter().map(|(n, c)| (n.to_string(), c));
    for (name, chart) in all.chain(empty).chain(crowded) {
        std::fs::write(dir.join(format!("{name}.png")), render_png(&chart).unwrap()).unwrap();
        std::fs::write(dir.join(format!("{name}.svg")), render_svg(&chart)).unwrap();
        std::fs::write(dir.join(format!("{name}.standalone.svg")), render_svg_standalone(&chart)).unwrap();
    }
}
