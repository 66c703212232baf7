//! The in-memory search index of one workspace: a tantivy BM25 index over the
//! catalog's text, a map of exact SKUs and handles, and the product vectors
//! for exact cosine search. Built from the workspace in well under a second
//! at merchant scale and rebuilt when an import or embedding run changes it.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::Instant;

use insights_embed::{Vectors, DIMENSIONS};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED};
use tantivy::tokenizer::{
    Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter, TextAnalyzer,
};
use tantivy::{doc, Index, IndexReader, TantivyDocument, Term};

use crate::catalog::ProductDoc;
use crate::types::*;
use crate::Result;

/// Keyword and semantic candidates considered before fusion.
const KEYWORD_CANDIDATES: usize = 200;
const SEMANTIC_CANDIDATES: usize = 100;

/// Catalog size from which the vector scan uses every core.
const PARALLEL_SCAN_FROM: usize = 20_000;

/// Text fields and their weights in BM25.
const TEXT_FIELDS: [(&str, f32); 5] =
    [("title", 3.0), ("tags", 2.0), ("category", 1.5), ("vendor", 1.5), ("description", 1.0)];

/// A product's text for each of `TEXT_FIELDS`, in that order: what is
/// indexed, and what explanations look the query words up in.
fn field_texts(d: &ProductDoc) -> [String; 5] {
    [
        d.title.clone(),
        d.tags.clone(),
        format!("{} {}", d.category, d.product_type),
        d.vendor.clone(),
        format!("{} {}", d.description, d.options),
    ]
}

#[derive(Clone)]
struct Fields {
    text: Vec<(Field, &'static str, f32)>,
    /// Every text field again, unstemmed: typos are measured against the
    /// words as written ("hikng" is one edit from "hiking", two from "hike").
    plain: Field,
    sku: Field,
}

/// Weight of a forgiven typo, whatever field it is in.
const TYPO_WEIGHT: f32 = 1.0;

pub struct SearchIndex {
    docs: Vec<ProductDoc>,
    reader: IndexReader,
    fields: Fields,
    stem: TextAnalyzer,
    plain: TextAnalyzer,
    /// Lower-cased SKU or handle → the products it names, with what matched
    /// (several products when they share a SKU).
    exact: HashMap<String, Vec<(usize, String)>>,
    /// Lower-cased SKUs in order, for "SKU-1042" finding SKU-1042-M-BLK.
    skus: BTreeMap<String, usize>,
    vectors: Vec<f32>,
    has_vector: Vec<bool>,
    embedded: usize,
}

fn stem_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(StopWordFilter::new(Language::English).expect("English stop words"))
        .filter(Stemmer::new(Language::English))
        .build()
}

fn plain_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(StopWordFilter::new(Language::English).expect("English stop words"))
        .build()
}

fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let t = stream.token();
        out.push((t.text.clone(), t.offset_from, t.offset_to));
    }
    out
}

/// Typos forgiven in a word of `len` characters, as Meilisearch does: one
/// from 5 letters, two from 9.
pub fn typo_budget(len: usize) -> u8 {
    match len {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// Edit distance, stopping early once it exceeds `max`.
fn edit_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        let mut best = cur[0];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
            best = best.min(cur[j + 1]);
        }
        if best > max {
            return None;
        }
        prev = cur;
    }
    (prev[b.len()] <= max).then_some(prev[b.len()])
}

/// A word of a product's text: its stem, as written, and where it is.
type Word = (String, String, usize, usize);

/// A query word: as typed, and as the index stores it.
struct QueryTerm {
    raw: String,
    stem: String,
}

struct Candidate {
    doc: usize,
    keyword: Option<(u32, f32)>,
    semantic: Option<(u32, f32)>,
    exact: Option<String>,
    pinned: Option<usize>,
    score: f64,
    rules: Vec<String>,
}

impl SearchIndex {
    /// Builds the index from the catalog and the stored product vectors.
    pub fn build(docs: Vec<ProductDoc>, vectors: &Vectors) -> Result<Self> {
        let mut schema = Schema::builder();
        let ord = schema.add_u64_field("ord", INDEXED | FAST);
        let text_options = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default().set_tokenizer("stem").set_index_option(IndexRecordOption::WithFreqs),
        );
        let text: Vec<(Field, &'static str, f32)> = TEXT_FIELDS
            .iter()
            .map(|(name, w)| (schema.add_text_field(name, text_options.clone()), *name, *w))
            .collect();
        let plain = schema.add_text_field(
            "plain",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default().set_tokenizer("plain").set_index_option(IndexRecordOption::WithFreqs),
            ),
        );
        let sku = schema.add_text_field(
            "sku",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default().set_tokenizer("code").set_index_option(IndexRecordOption::Basic),
            ),
        );
        let index = Index::create_in_ram(schema.build());
        index.tokenizers().register("stem", stem_analyzer());
        index.tokenizers().register("plain", plain_analyzer());
        index.tokenizers().register("code", TextAnalyzer::builder(RawTokenizer::default()).filter(LowerCaser).build());
        let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, 60_000_000)?;
        let mut exact: HashMap<String, Vec<(usize, String)>> = HashMap::new();
        let mut skus = BTreeMap::new();
        for (i, d) in docs.iter().enumerate() {
            let texts = field_texts(d);
            let mut document = doc!(ord => i as u64, plain => texts.join(" "));
            for ((field, _, _), t) in text.iter().zip(&texts) {
                document.add_text(*field, t);
            }
            for s in &d.skus {
                document.add_text(sku, s);
                let same = exact.entry(s.to_lowercase()).or_default();
                if !same.iter().any(|(d, _)| *d == i) {
                    same.push((i, format!("SKU {s}")));
                }
                skus.insert(s.to_lowercase(), i);
            }
            exact.entry(d.product_id.to_lowercase()).or_insert_with(|| vec![(i, format!("handle {}", d.product_id))]);
            writer.add_document(document)?;
        }
        writer.commit()?;
        let reader = index.reader()?;

        let (data, has_vector, embedded) = place_vectors(&docs, vectors);
        Ok(Self {
            docs,
            reader,
            fields: Fields { text, plain, sku },
            stem: stem_analyzer(),
            plain: plain_analyzer(),
            exact,
            skus,
            vectors: data,
            has_vector,
            embedded,
        })
    }

    /// The same keyword index with other product vectors (while an
    /// embedding run adds them, the keyword index need not be rebuilt).
    pub fn with_vectors(&self, vectors: &Vectors) -> SearchIndex {
        let (data, has_vector, embedded) = place_vectors(&self.docs, vectors);
        SearchIndex {
            docs: self.docs.clone(),
            reader: self.reader.clone(),
            fields: self.fields.clone(),
            stem: self.stem.clone(),
            plain: self.plain.clone(),
            exact: self.exact.clone(),
            skus: self.skus.clone(),
            vectors: data,
            has_vector,
            embedded,
        }
    }

    /// An index of bare vectors (no catalog text), for benchmarks.
    pub fn from_vectors(ids: Vec<String>, data: Vec<f32>) -> Result<Self> {
        let docs = ids.iter().map(|id| ProductDoc { product_id: id.clone(), ..Default::default() }).collect();
        Self::build(docs, &Vectors { ids, data })
    }

    /// The stored vector of product `i`, if it has one.
    pub fn vector(&self, i: usize) -> Option<&[f32]> {
        self.has_vector.get(i).copied().unwrap_or(false).then(|| &self.vectors[i * DIMENSIONS..(i + 1) * DIMENSIONS])
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Products with a vector.
    pub fn embedded(&self) -> usize {
        self.embedded
    }

    pub fn doc(&self, i: usize) -> &ProductDoc {
        &self.docs[i]
    }

    fn query_terms(&self, query: &str) -> Vec<QueryTerm> {
        let mut plain = self.plain.clone();
        let mut stem = self.stem.clone();
        let mut seen = HashSet::new();
        tokens(&mut plain, query)
            .into_iter()
            .filter_map(|(raw, _, _)| {
                // Single letters ("s" of "men's", a size) match everything.
                if raw.chars().count() < 2 {
                    return None;
                }
                let stemmed = tokens(&mut stem, &raw).into_iter().next().map(|t| t.0)?;
                seen.insert(stemmed.clone()).then_some(QueryTerm { raw, stem: stemmed })
            })
            .collect()
    }

    /// BM25 over the text fields with typo tolerance, plus whole-SKU matches.
    /// Returns (product, score), best first.
    pub fn keyword(&self, query: &str, limit: usize) -> Result<Vec<(usize, f32)>> {
        let terms = self.query_terms(query);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for t in &terms {
            let mut per_term: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            let budget = typo_budget(t.raw.chars().count());
            for (field, _, weight) in &self.fields.text {
                let term = Term::from_field_text(*field, &t.stem);
                per_term.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)), *weight)),
                ));
            }
            if budget > 0 {
                let term = Term::from_field_text(self.fields.plain, &t.raw);
                per_term.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(FuzzyTermQuery::new(term, budget, true)), TYPO_WEIGHT)),
                ));
            }
            clauses.push((Occur::Should, Box::new(BooleanQuery::new(per_term))));
        }
        for word in query.split_whitespace() {
            let term = Term::from_field_text(self.fields.sku, &word.to_lowercase());
            clauses.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(TermQuery::new(term, IndexRecordOption::Basic)), 10.0)),
            ));
        }
        if clauses.is_empty() {
            return Ok(Vec::new());
        }
        let searcher = self.reader.searcher();
        let top = searcher.search(&BooleanQuery::new(clauses), &TopDocs::with_limit(limit).order_by_score())?;
        let mut out = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let ords = searcher.segment_reader(addr.segment_ord).fast_fields().u64("ord")?;
            if let Some(ord) = ords.first(addr.doc_id) {
                out.push((ord as usize, score));
            }
        }
        Ok(out)
    }

    /// Exact cosine similarity of `query` (unit length) with every product
    /// vector; the best `limit` at or above `min_similarity`.
    pub fn semantic(&self, query: &[f32], limit: usize, min_similarity: f32) -> Vec<(usize, f32)> {
        let n = self.docs.len();
        // Large catalogs are scanned in slices, one per core; each keeps its
        // own best `limit`, merged at the end.
        let threads = if n >= PARALLEL_SCAN_FROM {
            std::thread::available_parallelism().map_or(1, |c| c.get()).min(8)
        } else {
            1
        };
        let slice = n.div_ceil(threads.max(1)).max(1);
        let scan = |lo: usize, hi: usize| {
            let mut v: Vec<(usize, f32)> = (lo..hi)
                .filter(|&i| self.has_vector[i])
                .map(|i| (i, insights_embed::dot(&self.vectors[i * DIMENSIONS..(i + 1) * DIMENSIONS], query)))
                .filter(|(_, s)| *s >= min_similarity)
                .collect();
            top_k(&mut v, limit);
            v
        };
        let mut scored: Vec<(usize, f32)> = if threads <= 1 {
            scan(0, n)
        } else {
            std::thread::scope(|s| {
                let parts: Vec<_> = (0..threads)
                    .map(|t| {
                        let (lo, hi) = ((t * slice).min(n), ((t + 1) * slice).min(n));
                        s.spawn(move || scan(lo, hi))
                    })
                    .collect();
                parts.into_iter().flat_map(|p| p.join().expect("a scan thread panicked")).collect()
            })
        };
        top_k(&mut scored, limit);
        scored
    }

    /// The raw vector top-k, for the benchmark against faiss.
    pub fn nearest(&self, query: &[f32], k: usize) -> Vec<(usize, f32)> {
        self.semantic(query, k, f32::MIN)
    }

    /// Exact SKU or handle; else every SKU that starts with the query and a
    /// dash ("SKU-1042" → SKU-1042-S-MST, SKU-1042-M-MST ...).
    fn exact_matches(&self, query: &str) -> Vec<(usize, String)> {
        let q = query.trim().to_lowercase();
        if q.is_empty() || q.contains(char::is_whitespace) {
            return Vec::new();
        }
        if let Some(found) = self.exact.get(&q) {
            return found.clone();
        }
        // Stems carry digits ("sku-1042"); a bare word ("sku") is not a code.
        if !q.chars().any(|c| c.is_ascii_digit()) {
            return Vec::new();
        }
        let prefix = format!("{q}-");
        let mut seen = HashSet::new();
        self.skus
            .range(prefix.clone()..)
            .take_while(|(s, _)| s.starts_with(&prefix))
            .filter(|(_, d)| seen.insert(**d))
            .map(|(s, d)| {
                let orig = self.docs[*d].skus.iter().find(|x| x.to_lowercase() == **s).cloned().unwrap_or_default();
                (*d, format!("SKU {orig}"))
            })
            .take(50)
            .collect()
    }

    /// Runs a search. `query_vector` is the query's embedding, when the model
    /// is available; without it the search is keyword-only and says so.
    pub fn search(
        &self,
        request: &SearchRequest,
        settings: &SearchSettings,
        query_vector: Option<&[f32]>,
    ) -> Result<SearchResponse> {
        let started = Instant::now();
        let query = request.query.trim();
        let mut response = SearchResponse {
            query: query.to_string(),
            mode: request.mode,
            products: self.docs.len() as u32,
            embedded_products: self.embedded as u32,
            ..Default::default()
        };
        let want_semantic = request.mode != SearchMode::Keyword;
        let want_keyword = request.mode != SearchMode::Semantic;
        let semantic_ready = query_vector.is_some() && self.embedded > 0;
        if want_semantic && !semantic_ready && !query.is_empty() {
            response.notice = Some(if query_vector.is_none() {
                "Search by meaning is off because the embedding model is not available; results match keywords only."
                    .into()
            } else {
                "Products are not embedded yet; results match keywords only until embedding finishes.".into()
            });
        }
        response.semantic_used = want_semantic && semantic_ready && !query.is_empty();

        let mut cands: Vec<Candidate> = Vec::new();
        let mut slot: HashMap<usize, usize> = HashMap::new();
        let mut entry = |cands: &mut Vec<Candidate>, doc: usize| -> usize {
            *slot.entry(doc).or_insert_with(|| {
                cands.push(Candidate {
                    doc,
                    keyword: None,
                    semantic: None,
                    exact: None,
                    pinned: None,
                    score: 0.0,
                    rules: Vec::new(),
                });
                cands.len() - 1
            })
        };

        if query.is_empty() {
            // Browsing: the whole catalog, by title.
            let mut order: Vec<usize> = (0..self.docs.len()).collect();
            order.sort_by(|a, b| self.docs[*a].title.cmp(&self.docs[*b].title));
            for d in order {
                entry(&mut cands, d);
            }
        } else {
            let exact = self.exact_matches(query);
            // A code that names products (a SKU, its stem, a handle) answers
            // with those products alone: the rest would only match its
            // fragments ("S" of a size, digits).
            let code = !exact.is_empty();
            for (d, what) in exact {
                let c = entry(&mut cands, d);
                cands[c].exact = Some(what);
            }
            if code {
                response.semantic_used = false;
                response.notice = None;
            }
            let use_keyword = !code && (want_keyword || !response.semantic_used);
            if use_keyword {
                for (rank, (d, s)) in self.keyword(query, KEYWORD_CANDIDATES)?.into_iter().enumerate() {
                    let c = entry(&mut cands, d);
                    cands[c].keyword = Some((rank as u32 + 1, s));
                }
            }
            if response.semantic_used && !code {
                let qv = query_vector.expect("checked above");
                let min = settings.min_similarity as f32;
                for (rank, (d, s)) in self.semantic(qv, SEMANTIC_CANDIDATES, min).into_iter().enumerate() {
                    let c = entry(&mut cands, d);
                    cands[c].semantic = Some((rank as u32 + 1, s));
                }
            }
        }
        let ql = query.to_lowercase();
        for pin in settings.pins.iter().filter(|p| p.query.trim().to_lowercase() == ql && !ql.is_empty()) {
            for (i, id) in pin.product_ids.iter().enumerate() {
                if let Some(d) = self.docs.iter().position(|d| &d.product_id == id) {
                    let c = entry(&mut cands, d);
                    cands[c].pinned = Some(i);
                }
            }
        }

        // Fusion.
        let max_kw = cands.iter().filter_map(|c| c.keyword.map(|k| k.1)).fold(0f32, f32::max).max(f32::EPSILON);
        let keyword_only = !response.semantic_used;
        for c in &mut cands {
            c.score = match (&settings.fusion, request.mode) {
                _ if keyword_only || request.mode == SearchMode::Keyword => {
                    c.keyword.map(|k| (k.1 / max_kw) as f64).unwrap_or(0.0)
                }
                (_, SearchMode::Semantic) => c.semantic.map(|s| s.1 as f64).unwrap_or(0.0),
                (Fusion::Rrf { k, keyword_weight, semantic_weight }, _) => {
                    c.keyword.map(|r| keyword_weight / (k + r.0 as f64)).unwrap_or(0.0)
                        + c.semantic.map(|r| semantic_weight / (k + r.0 as f64)).unwrap_or(0.0)
                }
                (Fusion::Blend { alpha }, _) => {
                    alpha * c.semantic.map(|s| s.1 as f64).unwrap_or(0.0)
                        + (1.0 - alpha) * c.keyword.map(|k| (k.1 / max_kw) as f64).unwrap_or(0.0)
                }
            };
        }

        // Business rules: hide, boost, then rank with demotion tiers.
        let blocked: HashSet<&str> = settings.blocked.iter().map(String::as_str).collect();
        let mut hidden = 0u32;
        cands.retain_mut(|c| {
            let d = &self.docs[c.doc];
            if c.pinned.is_some() {
                c.rules.push("Pinned for this search".into());
                return true;
            }
            if blocked.contains(d.product_id.as_str()) {
                hidden += 1;
                return false;
            }
            if let (Some(min), Some(m)) = (settings.min_margin, d.margin) {
                if m < min {
                    hidden += 1;
                    return false;
                }
            }
            if !d.in_stock() && c.exact.is_none() {
                match settings.out_of_stock {
                    OutOfStock::Hide => {
                        hidden += 1;
                        return false;
                    }
                    OutOfStock::Demote => c.rules.push("Out of stock: ranked below products in stock".into()),
                    OutOfStock::Keep => {}
                }
            }
            for b in &settings.boosts {
                let hit = match b.field.as_str() {
                    "tag" => d.tags.split(',').any(|t| t.trim().eq_ignore_ascii_case(b.value.trim())),
                    "vendor" => d.vendor.eq_ignore_ascii_case(b.value.trim()),
                    "category" => d.category.eq_ignore_ascii_case(b.value.trim()),
                    "product" => d.product_id == b.value,
                    _ => false,
                };
                if hit && b.factor > 0.0 {
                    c.score *= b.factor;
                    c.rules.push(format!("Boosted ×{} ({} {})", b.factor, b.field, b.value));
                }
            }
            true
        });
        response.hidden_by_rules = hidden;
        let demote = settings.out_of_stock == OutOfStock::Demote;
        let tier = |c: &Candidate| -> u8 {
            if c.pinned.is_some() {
                3
            } else if c.exact.is_some() {
                2
            } else if demote && !self.docs[c.doc].in_stock() {
                0
            } else {
                1
            }
        };
        if !query.is_empty() {
            cands.sort_by(|a, b| {
                tier(b)
                    .cmp(&tier(a))
                    .then(a.pinned.cmp(&b.pinned))
                    .then(b.score.total_cmp(&a.score))
                    .then(self.docs[a.doc].title.cmp(&self.docs[b.doc].title))
            });
        } else if demote {
            cands.sort_by_key(|c| std::cmp::Reverse(tier(c)));
        }

        // Filters and facets (each facet ignores its own filter).
        let f = &request.filters;
        let cat_ok = |d: &ProductDoc| f.categories.is_empty() || f.categories.iter().any(|c| c == &d.category);
        let vendor_ok = |d: &ProductDoc| f.vendors.is_empty() || f.vendors.iter().any(|v| v == &d.vendor);
        let price_ok = |d: &ProductDoc| {
            let p = d.price_min.unwrap_or(0.0);
            f.price_min.is_none_or(|m| p >= m) && f.price_max.is_none_or(|m| p <= m)
        };
        let stock_ok = |d: &ProductDoc| !f.in_stock_only || d.in_stock();
        let mut categories: BTreeMap<String, u32> = BTreeMap::new();
        let mut vendors: BTreeMap<String, u32> = BTreeMap::new();
        let mut prices: BTreeMap<usize, u32> = BTreeMap::new();
        let mut hits = Vec::new();
        let mut total = 0u32;
        for c in &cands {
            let d = &self.docs[c.doc];
            let (a, b, p, s) = (cat_ok(d), vendor_ok(d), price_ok(d), stock_ok(d));
            if b && p && s && !d.category.is_empty() {
                *categories.entry(d.category.clone()).or_default() += 1;
            }
            if a && p && s && !d.vendor.is_empty() {
                *vendors.entry(d.vendor.clone()).or_default() += 1;
            }
            if a && b && s {
                *prices.entry(price_band(d.price_min)).or_default() += 1;
            }
            if a && b && p {
                if d.in_stock() {
                    response.facets.in_stock += 1;
                } else {
                    response.facets.out_of_stock += 1;
                }
            }
            if a && b && p && s {
                total += 1;
                if hits.len() < request.limit as usize {
                    hits.push(self.hit(c, query, response.semantic_used));
                }
            }
        }
        response.total = total;
        response.hits = hits;
        response.facets.categories = sorted_counts(categories);
        response.facets.vendors = sorted_counts(vendors);
        response.facets.prices =
            prices.into_iter().map(|(b, count)| FacetCount { value: PRICE_BANDS[b].0.to_string(), count }).collect();
        response.took_ms = started.elapsed().as_secs_f64() * 1000.0;
        Ok(response)
    }

    fn hit(&self, c: &Candidate, query: &str, semantic_used: bool) -> SearchHit {
        let d = &self.docs[c.doc];
        let matched = if c.keyword.is_some() { self.matched_terms(d, query) } else { Vec::new() };
        let mut why = Vec::new();
        if c.pinned.is_some() {
            why.push("Pinned by you for this search".to_string());
        }
        if let Some(e) = &c.exact {
            why.push(format!("Exact {e}"));
        }
        if !matched.is_empty() {
            let parts: Vec<String> = matched
                .iter()
                .map(|m| {
                    if m.typos > 0 {
                        format!(
                            "“{}” ≈ “{}” in {} ({} typo{})",
                            m.term,
                            m.matched,
                            m.field,
                            m.typos,
                            if m.typos == 1 { "" } else { "s" }
                        )
                    } else {
                        format!("“{}” in {}", m.term, m.field)
                    }
                })
                .collect();
            why.push(format!("Keywords: {}", parts.join(", ")));
        }
        if let Some((rank, s)) = c.semantic {
            why.push(format!("Close in meaning to the query (similarity {s:.2}, #{rank} by meaning)"));
        } else if semantic_used && c.exact.is_none() && c.pinned.is_none() {
            why.push("Keyword match only (not among the closest in meaning)".to_string());
        }
        why.extend(c.rules.iter().cloned());
        SearchHit {
            product_id: d.product_id.clone(),
            title: d.title.clone(),
            vendor: d.vendor.clone(),
            category: d.category.clone(),
            price_min: d.price_min,
            price_max: d.price_max,
            stock: d.stock,
            in_stock: d.in_stock(),
            margin: d.margin,
            image_url: d.image_url.clone(),
            skus: d.skus.clone(),
            variants: d.variants.clone(),
            score: c.score,
            keyword_rank: c.keyword.map(|k| k.0),
            semantic_rank: c.semantic.map(|s| s.0),
            similarity: c.semantic.map(|s| s.1 as f64),
            exact_match: c.exact.clone(),
            matched_terms: matched,
            rules: c.rules.clone(),
            why,
        }
    }

    /// Which query words the product's text holds, exactly or within the
    /// typo budget, and in which field first.
    fn matched_terms(&self, d: &ProductDoc, query: &str) -> Vec<MatchedTerm> {
        let mut stem = self.stem.clone();
        let texts = field_texts(d);
        let fields = TEXT_FIELDS.iter().map(|(name, _)| *name).zip(&texts);
        let mut plain = self.plain.clone();
        // Per field: each word's stem (for exact matches) and the word as
        // written (for typos), with where it is in the text.
        let analysed: Vec<(&str, &String, Vec<Word>)> = fields
            .map(|(name, text)| {
                let words = tokens(&mut plain, text)
                    .into_iter()
                    .map(|(w, from, to)| {
                        let stemmed = tokens(&mut stem, &w).into_iter().next().map(|t| t.0).unwrap_or_default();
                        (stemmed, w, from, to)
                    })
                    .collect();
                (name, text, words)
            })
            .collect();
        let mut out = Vec::new();
        for t in self.query_terms(query) {
            let budget = typo_budget(t.raw.chars().count()) as usize;
            let mut best: Option<MatchedTerm> = None;
            'fields: for (name, text, toks) in &analysed {
                for (stemmed, word, from, to) in toks {
                    let tok = stemmed;
                    let typos = if *stemmed == t.stem { Some(0) } else { edit_distance(word, &t.raw, budget) };
                    if let Some(typos) = typos {
                        let better = best.as_ref().is_none_or(|b| (typos as u32) < b.typos);
                        if better {
                            best = Some(MatchedTerm {
                                term: t.raw.clone(),
                                matched: text.get(*from..*to).unwrap_or(tok).to_string(),
                                field: name.to_string(),
                                typos: typos as u32,
                            });
                        }
                        if typos == 0 {
                            break 'fields;
                        }
                    }
                }
            }
            out.extend(best);
        }
        out
    }
}

/// Lays the vectors out in catalog order (zeros where a product has none).
fn place_vectors(docs: &[ProductDoc], vectors: &Vectors) -> (Vec<f32>, Vec<bool>, usize) {
    let mut data = vec![0f32; docs.len() * DIMENSIONS];
    let mut has_vector = vec![false; docs.len()];
    let by_id: HashMap<&str, usize> = docs.iter().enumerate().map(|(i, d)| (d.product_id.as_str(), i)).collect();
    let mut embedded = 0;
    for (row, id) in vectors.ids.iter().enumerate() {
        if let Some(&i) = by_id.get(id.as_str()) {
            data[i * DIMENSIONS..(i + 1) * DIMENSIONS].copy_from_slice(vectors.row(row));
            has_vector[i] = true;
            embedded += 1;
        }
    }
    (data, has_vector, embedded)
}

const PRICE_BANDS: [(&str, f64); 5] =
    [("under 25", 25.0), ("25–50", 50.0), ("50–100", 100.0), ("100–200", 200.0), ("200 and more", f64::MAX)];

fn price_band(p: Option<f64>) -> usize {
    let p = p.unwrap_or(0.0);
    PRICE_BANDS.iter().position(|(_, upper)| p < *upper).unwrap_or(PRICE_BANDS.len() - 1)
}

/// Price range of a band label, for turning a facet click into a filter.
pub fn price_band_range(label: &str) -> Option<(f64, Option<f64>)> {
    let i = PRICE_BANDS.iter().position(|(l, _)| *l == label)?;
    let lower = if i == 0 { 0.0 } else { PRICE_BANDS[i - 1].1 };
    let upper = PRICE_BANDS[i].1;
    Some((lower, (upper < f64::MAX).then_some(upper - 0.005)))
}

/// Every price band, lowest first: its label (a value of `facets.prices`)
/// and the filter a click on it sets. Upper bounds stop half a cent short of
/// the next band. The UI's copy is generated from this (`make bindings`).
pub fn price_bands() -> Vec<(&'static str, f64, Option<f64>)> {
    PRICE_BANDS.iter().filter_map(|(label, _)| price_band_range(label).map(|(min, max)| (*label, min, max))).collect()
}

fn sorted_counts(m: BTreeMap<String, u32>) -> Vec<FacetCount> {
    let mut v: Vec<FacetCount> = m.into_iter().map(|(value, count)| FacetCount { value, count }).collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then(a.value.cmp(&b.value)));
    v
}

/// Keeps the `k` best (highest score) in `v`, sorted best first.
fn top_k(v: &mut Vec<(usize, f32)>, k: usize) {
    if v.len() > k {
        v.select_nth_unstable_by(k, |a, b| b.1.total_cmp(&a.1));
        v.truncate(k);
    }
    v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typo_budget_follows_word_length() {
        assert_eq!(typo_budget(4), 0);
        assert_eq!(typo_budget(5), 1);
        assert_eq!(typo_budget(8), 1);
        assert_eq!(typo_budget(9), 2);
    }

    #[test]
    fn edit_distance_stops_at_the_budget() {
        assert_eq!(edit_distance("jacket", "jaket", 1), Some(1));
        assert_eq!(edit_distance("waterproof", "watreprof", 2), None);
        assert_eq!(edit_distance("waterproof", "waterprof", 2), Some(1));
        assert_eq!(edit_distance("fleece", "fleece", 0), Some(0));
    }

    #[test]
    fn top_k_keeps_the_best_in_order() {
        let mut v = vec![(0, 0.1), (1, 0.9), (2, 0.5), (3, 0.7)];
        top_k(&mut v, 2);
        assert_eq!(v, vec![(1, 0.9), (3, 0.7)]);
    }

    #[test]
    fn price_bands_round_trip() {
        assert_eq!(PRICE_BANDS[price_band(Some(30.0))].0, "25–50");
        assert_eq!(price_band_range("25–50"), Some((25.0, Some(49.995))));
        assert_eq!(price_band_range("200 and more"), Some((200.0, None)));
    }
}
