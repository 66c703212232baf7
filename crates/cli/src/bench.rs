//! `insights bench …`: the measurements behind docs/benchmarks.md. Each
//! prints JSON for the Python side of the comparison (bench/*.py).

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use insights_engine::{Engine, EngineError, SearchRequest, DIMENSIONS};

use crate::BenchCommand;

fn io<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(std::io::Error) -> EngineError + 'a {
    move |e| EngineError::Io { action, path: path.to_path_buf(), source: e }
}

fn read_lines(path: &Path) -> Result<Vec<String>, EngineError> {
    let text = std::fs::read_to_string(path).map_err(io("reading", path))?;
    Ok(text.lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect())
}

fn read_f32(path: &Path) -> Result<Vec<f32>, EngineError> {
    let bytes = std::fs::read(path).map_err(io("reading", path))?;
    Ok(bytes.chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect())
}

fn write_f32(path: &Path, rows: &[&[f32]]) -> Result<(), EngineError> {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).map_err(io("writing", path))?);
    for r in rows {
        for x in *r {
            f.write_all(&x.to_le_bytes()).map_err(io("writing", path))?;
        }
    }
    f.flush().map_err(io("writing", path))
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

pub fn run(engine: &Engine, cmd: BenchCommand, workspace: Option<&Path>) -> Result<(), EngineError> {
    match cmd {
        BenchCommand::Embed { texts, batch, runs, vectors, json: _ } => {
            let texts = read_lines(&texts)?;
            // Load the model outside the timing.
            engine.embed_texts(&texts[..1.min(texts.len())], 1)?;
            let mut best = f64::MAX;
            let mut last = Vec::new();
            for _ in 0..runs.max(1) {
                let t = Instant::now();
                last = engine.embed_texts(&texts, batch)?;
                best = best.min(t.elapsed().as_secs_f64());
            }
            if let Some(out) = vectors {
                let rows: Vec<&[f32]> = last.iter().map(Vec::as_slice).collect();
                write_f32(&out, &rows)?;
            }
            let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
            println!(
                "{}",
                serde_json::json!({
                    "texts": texts.len(),
                    "seconds": best,
                    "texts_per_second": texts.len() as f64 / best,
                    "model": insights_engine::embedding_model_id(),
                    "threads": threads,
                    "batch": batch,
                })
            );
            Ok(())
        }
        BenchCommand::Vectors { vectors, queries, json: _ } => {
            let data = read_f32(&vectors)?;
            let qs = read_f32(&queries)?;
            let ids: Vec<String> = (0..data.len() / DIMENSIONS).map(|i| format!("{i:08}")).collect();
            let index = insights_engine::SearchIndex::from_vectors(ids, data)?;
            let mut latency = Vec::new();
            let mut top10 = Vec::new();
            for q in qs.chunks_exact(DIMENSIONS) {
                let t = Instant::now();
                let hits = index.nearest(q, 10);
                latency.push(t.elapsed().as_secs_f64() * 1000.0);
                top10.push(hits.into_iter().map(|(i, _)| i).collect::<Vec<_>>());
            }
            let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
            println!("{}", serde_json::json!({ "latency_ms": latency, "top10": top10, "threads": threads }));
            Ok(())
        }
        BenchCommand::Assistant { questions, runs, json: _ } => {
            crate::open(engine, workspace)?;
            crate::embed_everything_first(engine)?;
            let evaluation = engine.assistant_evaluate()?.evaluation;
            let messages: Vec<String> = evaluation.results.iter().take(questions).map(|r| r.message.clone()).collect();
            // Warm up: the model load and building the assistant are once per workspace.
            engine.assistant_ask(&insights_engine::AskRequest { message: "warm up".into(), email: None })?;
            let mut latency = Vec::new();
            let mut escalated = 0usize;
            for _ in 0..runs.max(1) {
                for m in &messages {
                    let t = Instant::now();
                    let a = engine.assistant_ask(&insights_engine::AskRequest { message: m.clone(), email: None })?;
                    latency.push(t.elapsed().as_secs_f64() * 1000.0);
                    escalated += usize::from(a.escalation.is_some());
                }
            }
            latency.sort_by(f64::total_cmp);
            println!(
                "{}",
                serde_json::json!({
                    "questions": messages.len(),
                    "runs": runs,
                    "p50_ms": percentile(&latency, 0.5),
                    "p95_ms": percentile(&latency, 0.95),
                    "max_ms": latency.last().copied().unwrap_or(0.0),
                    "escalated_share": escalated as f64 / latency.len().max(1) as f64,
                })
            );
            Ok(())
        }
        BenchCommand::Experiments { visitors, runs, dir, inputs, json: _ } => {
            bench_experiments(engine, visitors, runs, &dir, inputs.as_deref())
        }
        BenchCommand::Search { queries, runs, dump, json: _ } => {
            crate::open(engine, workspace)?;
            crate::embed_products_first(engine)?;
            let queries = read_lines(&queries)?;
            let index = engine.search_index()?;
            // Warm up: model load and index build are not per-query costs.
            engine.search(&SearchRequest::new("warm up"))?;
            let mut latency = Vec::new();
            let mut embed_ms = Vec::new();
            for _ in 0..runs.max(1) {
                for q in &queries {
                    let t = Instant::now();
                    engine.embed_texts(std::slice::from_ref(q), 1)?;
                    embed_ms.push(t.elapsed().as_secs_f64() * 1000.0);
                    let t = Instant::now();
                    engine.search(&SearchRequest::new(q.clone()))?;
                    latency.push(t.elapsed().as_secs_f64() * 1000.0);
                }
            }
            if let Some(dir) = dump {
                std::fs::create_dir_all(&dir).map_err(io("creating", &dir))?;
                let rows: Vec<&[f32]> = (0..index.len()).filter_map(|i| index.vector(i)).collect();
                write_f32(&dir.join("products.f32"), &rows)?;
                let qv = engine.embed_texts(&queries, 32)?;
                let rows: Vec<&[f32]> = qv.iter().map(Vec::as_slice).collect();
                write_f32(&dir.join("queries.f32"), &rows)?;
            }
            let mut sorted = latency.clone();
            sorted.sort_by(f64::total_cmp);
            let mut es = embed_ms.clone();
            es.sort_by(f64::total_cmp);
            println!(
                "{}",
                serde_json::json!({
                    "products": index.len(),
                    "embedded": index.embedded(),
                    "queries": latency.len(),
                    "p50_ms": percentile(&sorted, 0.5),
                    "p95_ms": percentile(&sorted, 0.95),
                    "max_ms": sorted.last().copied().unwrap_or(0.0),
                    "query_embedding_p50_ms": percentile(&es, 0.5),
                })
            );
            Ok(())
        }
    }
}

/// A deterministic experiment log of `visitors` visitors: 50/50 split,
/// customer type, device and country on the exposure row, pre-period
/// revenue for returning customers and VIPs, a 5% conversion lift.
fn write_experiment_log(path: &Path, visitors: usize) -> Result<(), EngineError> {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).map_err(io("writing", path))?);
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        // xorshift64*: fast, portable, good enough for a benchmark's data.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        (state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    };
    let w = |f: &mut std::io::BufWriter<std::fs::File>, line: String| {
        f.write_all(line.as_bytes()).map_err(io("writing", path))
    };
    w(
        &mut f,
        "visitor_id,experiment,variant,timestamp,event,value,device,country,customer_type,pre_period_value\n".into(),
    )?;
    let types = [("new", 0.85), ("returning", 1.1), ("vip", 1.7)];
    let devices = ["desktop", "mobile", "tablet"];
    let countries = ["US", "CA", "GB", "DE", "AU"];
    for i in 0..visitors {
        let treatment = next() < 0.5;
        let variant = if treatment { "treatment" } else { "control" };
        let (kind, mult) = types[(next() * 3.0) as usize % 3];
        let device = devices[(next() * 3.0) as usize % 3];
        let country = countries[(next() * 5.0) as usize % 5];
        let pre = if kind != "new" && next() < 0.6 { 50.0 + next() * 400.0 } else { 0.0 };
        let day = i * 28 / visitors.max(1);
        let ts = format!("2026-03-{:02} {:02}:{:02}:00", day + 1, (i / 60) % 24, i % 60);
        w(&mut f, format!("v{i},bench,{variant},{ts},exposure,,{device},{country},{kind},{pre:.2}\n"))?;
        let p_cart = 0.25 * mult * if treatment { 1.05 } else { 1.0 };
        if next() < p_cart {
            w(&mut f, format!("v{i},bench,{variant},{ts},add_to_cart,,,,,\n"))?;
            if next() < 0.4 {
                let value = 40.0 + next() * next() * 600.0;
                w(&mut f, format!("v{i},bench,{variant},{ts},purchase,{value:.2},,,,\n"))?;
            }
        }
    }
    f.flush().map_err(io("writing", path))
}

fn bench_experiments(
    engine: &Engine,
    visitors: usize,
    runs: usize,
    dir: &Path,
    inputs: Option<&Path>,
) -> Result<(), EngineError> {
    std::fs::create_dir_all(dir).map_err(io("creating", dir))?;
    let log = dir.join("bench-experiment.csv");
    write_experiment_log(&log, visitors)?;
    let ws = dir.join("bench-experiments.duckdb");
    if ws.exists() {
        std::fs::remove_file(&ws).map_err(io("removing", &ws))?;
    }
    engine.create_workspace("Experiments benchmark", Some(&ws))?;
    let t = Instant::now();
    engine.import(&insights_engine::ImportRequest::of(std::slice::from_ref(&log)), &mut |_| {})?;
    let import_s = t.elapsed().as_secs_f64();
    let settings = engine.experiment_settings()?;
    let mut full = Vec::new();
    let mut report = None;
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        report = Some(engine.experiment("bench", Some(&settings))?);
        full.push(t.elapsed().as_secs_f64());
    }
    let cmp = engine.experiment_inputs("bench")?;
    let mut stats = Vec::new();
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        for c in &cmp {
            let _ = insights_engine::compare(&c.control, &c.treatment, &settings);
        }
        stats.push(t.elapsed().as_secs_f64());
    }
    if let Some(out) = inputs {
        let json = serde_json::to_string(&cmp).expect("inputs serialise");
        std::fs::write(out, json).map_err(io("writing", out))?;
    }
    full.sort_by(f64::total_cmp);
    stats.sort_by(f64::total_cmp);
    let r = report.expect("at least one run");
    println!(
        "{}",
        serde_json::json!({
            "visitors": visitors,
            "exposures": r.variants.iter().map(|v| v.users).sum::<u64>(),
            "metrics": r.metrics.len(),
            "segment_rows": r.segments.len(),
            "comparisons": cmp.len(),
            "import_s": import_s,
            "analyse_best_s": full[0],
            "analyse_median_s": full[full.len() / 2],
            "stats_only_best_s": stats[0],
            "runs": runs,
        })
    );
    Ok(())
}
