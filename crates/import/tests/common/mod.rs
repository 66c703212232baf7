//! What the import tests share.

use insights_store::Workspace;

/// Every table's row count in the workspace file: what "the workspace is
/// unchanged" is checked by.
pub fn snapshot(ws: &Workspace) -> Vec<(String, i64)> {
    let conn = ws.conn();
    let mut stmt = conn
        .prepare("SELECT table_name FROM duckdb_tables() WHERE NOT temporary AND schema_name = 'main' ORDER BY 1")
        .unwrap();
    let names: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    names
        .into_iter()
        .map(|t| {
            let n = conn.query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0)).unwrap();
            (t, n)
        })
        .collect()
}
