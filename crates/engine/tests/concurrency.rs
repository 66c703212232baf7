//! The desktop app fires commands from several threads at once. While an
//! import or an embedding run works, reads answer from the last committed
//! state (not after it), a second import is refused with a clear error, and
//! nothing deadlocks: every call here must return within a deadline.

mod support;

use support::{engine_at, new_workspace, online_retail, sample};

use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use insights_engine::{ImportRequest, OverviewRequest, SearchRequest};

/// Runs `f` on another thread and fails the test if it does not return in time.
fn within<T: Send + 'static>(what: &str, secs: u64, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(secs)).unwrap_or_else(|_| panic!("{what} did not return within {secs} s"))
}

#[test]
fn reads_answer_from_the_last_committed_state_while_an_import_runs() {
    let home = tempfile::tempdir().unwrap();
    let e = Arc::new(new_workspace(home.path(), "Concurrency"));
    e.import(&ImportRequest::of(&[sample("shopify")]), &mut |_| {}).unwrap();
    let before = e.overview(&OverviewRequest::default()).unwrap();
    assert!(before.orders > 0);

    let uci = online_retail();
    let (started_tx, started_rx) = mpsc::channel();
    let importer = {
        let e = Arc::clone(&e);
        std::thread::spawn(move || {
            let mut told = false;
            e.import(&ImportRequest::of(&[uci]), &mut |_| {
                if !told {
                    let _ = started_tx.send(());
                    told = true;
                }
            })
        })
    };
    started_rx.recv_timeout(Duration::from_secs(30)).expect("the import started");

    // A second import is refused at once, with what to do.
    let second = {
        let e = Arc::clone(&e);
        within("a second import", 10, move || {
            e.import(&ImportRequest::of(&[sample("shopify/products_export.csv.zst")]), &mut |_| {})
        })
    };
    let err = second.unwrap_err();
    assert_eq!(err.code(), "import_busy");
    assert!(err.to_string().contains("wait for it to finish"), "{err}");

    // Reads keep answering meanwhile, each from a committed state: the one
    // before the import or, once it commits, the one after. Never a part.
    let mut seen = Vec::new();
    while !importer.is_finished() {
        let started = Instant::now();
        let overview = {
            let e = Arc::clone(&e);
            within("the overview during an import", 20, move || e.overview(&OverviewRequest::default()))
        }
        .unwrap();
        seen.push((overview.orders, overview.revenue, !importer.is_finished()));
        let kpis = {
            let e = Arc::clone(&e);
            within("the KPIs during an import", 20, move || e.kpis(&OverviewRequest::default()))
        };
        assert!(kpis.is_ok(), "{:?}", kpis.err());
        let hits = {
            let e = Arc::clone(&e);
            within("a search during an import", 20, move || e.search(&SearchRequest::new("merino socks")))
        };
        assert!(hits.unwrap().total > 0);
        assert!(started.elapsed() < Duration::from_secs(20));
    }
    let imported = importer.join().unwrap().unwrap();
    assert!(imported[0].inserted > 0);
    let after = e.overview(&OverviewRequest::default()).unwrap();
    assert!(after.orders > before.orders, "once committed, the new orders show: {} → {}", before.orders, after.orders);
    for (orders, revenue, _) in &seen {
        let state = (*orders, *revenue);
        assert!(
            state == (before.orders, before.revenue) || state == (after.orders, after.revenue),
            "a read saw part of the import: {state:?} (before {}, after {})",
            before.orders,
            after.orders
        );
    }
    assert!(
        seen.iter().any(|(orders, _, running)| *running && *orders == before.orders),
        "reads answered, from the old state, while the import was working: {seen:?}"
    );
    // The next import runs normally.
    e.import(&ImportRequest::of(&[sample("shopify/products_export.csv.zst")]), &mut |_| {}).unwrap();
}

#[test]
fn search_import_and_switching_workspace_while_embedding_runs() {
    let home = tempfile::tempdir().unwrap();
    let e = Arc::new(engine_at(home.path()));
    assert!(e.model_status().ready, "the embedding model must be installed (run `make models`)");
    e.create_workspace("Embedding concurrency", None).unwrap();
    let paths = [sample("shopify/products_export.csv.zst"), sample("knowledge-base"), sample("support")];
    e.import(&ImportRequest::of(&paths), &mut |_| {}).unwrap();

    let (started_tx, started_rx) = mpsc::channel();
    let embedder = {
        let e = Arc::clone(&e);
        std::thread::spawn(move || {
            let mut told = false;
            e.embed_workspace(&mut |p| {
                if p.done > 0 && !told {
                    let _ = started_tx.send(());
                    told = true;
                }
            })
        })
    };
    started_rx.recv_timeout(Duration::from_secs(120)).expect("the embedding run made progress");
    assert!(!embedder.is_finished(), "the run is long enough to overlap");

    // Reads and an import of other data go ahead while vectors are written.
    let status = {
        let e = Arc::clone(&e);
        within("the embedding status", 20, move || e.embedding_status())
    }
    .unwrap();
    assert!(status.running);
    let hits = {
        let e = Arc::clone(&e);
        within("a search during embedding", 30, move || e.search(&SearchRequest::new("waterproof jacket")))
    }
    .unwrap();
    assert!(hits.total > 0);
    let imported = {
        let e = Arc::clone(&e);
        within("an import during embedding", 60, move || {
            e.import(&ImportRequest::of(&[sample("shopify/customers_export.csv.zst")]), &mut |_| {})
        })
    };
    assert!(imported.unwrap()[0].inserted > 0);
    let busy = {
        let e = Arc::clone(&e);
        within("a second embedding run", 10, move || e.embed_workspace(&mut |_| {}))
    };
    assert_eq!(busy.unwrap_err().code(), "embedding_busy");

    // Opening another workspace stops the run (keeping its finished
    // batches) rather than waiting for it or failing.
    let other = {
        let e = Arc::clone(&e);
        within("switching workspace during embedding", 60, move || e.create_workspace("Other", None))
    };
    other.unwrap();
    let run = embedder.join().unwrap();
    match run {
        Ok(r) => assert!(r.cancelled || r.embedded > 0, "{r:?}"),
        Err(err) => assert_eq!(err.code(), "cancelled", "{err}"),
    }
}
