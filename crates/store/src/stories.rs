//! Listing stories: label, size, outlets and dates of each, the latest first.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use triangulate_stream::NO_STORY;

use crate::{Store, StoreError, StoreId};

/// Which stories to list.
#[derive(Debug, Clone, Default)]
pub struct StoryQuery {
    /// Only stories with a document whose title or text holds all these words.
    pub search: Option<String>,
    /// Only stories with a document published on or after this day (`YYYY-MM-DD`).
    pub since: Option<chrono::NaiveDate>,
    /// Also list each story's inputs.
    pub members: bool,
}

/// One story of a listing (the JSON of `triangulate stories`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StoryInfo {
    /// Story id.
    pub id: u64,
    /// The headline most of its documents carry (the earliest on a tie), or the first
    /// sentence of its first document.
    pub label: String,
    /// Number of documents (exact duplicates once).
    pub documents: u64,
    /// Outlets of all inputs that carried its documents, sorted.
    pub outlets: Vec<String>,
    /// First publication date, where known.
    pub first: Option<String>,
    /// Last publication date, where known.
    pub last: Option<String>,
    /// Input names of its documents and their exact duplicates, sorted (`--members`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inputs: Option<Vec<String>>,
}

#[derive(Default)]
struct Acc {
    titles: BTreeMap<String, (u64, u64)>,
    lead: Option<(u64, String)>,
    documents: u64,
    docs: Vec<StoreId>,
    first: Option<String>,
    last: Option<String>,
    latest_arrival: u64,
}

/// The stories of a store that match `q`, the latest first (by last publication date, then
/// by the arrival of their last document).
pub fn stories(store: &dyn Store, q: &StoryQuery) -> Result<Vec<StoryInfo>, StoreError> {
    let hits: Option<BTreeSet<StoreId>> = match &q.search {
        Some(w) => Some(store.search(w)?.into_iter().collect()),
        None => None,
    };
    let mut acc: BTreeMap<u64, Acc> = BTreeMap::new();
    let mut story_of: HashMap<StoreId, u64> = HashMap::new();
    let mut matched: BTreeSet<u64> = BTreeSet::new();
    for r in store.rows()? {
        if r.story == NO_STORY {
            // Page furniture: stored, but no story.
            continue;
        }
        story_of.insert(r.id, r.story);
        if hits.as_ref().is_none_or(|h| h.contains(&r.id)) {
            matched.insert(r.story);
        }
        let a = acc.entry(r.story).or_default();
        a.documents += 1;
        a.docs.push(r.id);
        a.latest_arrival = a.latest_arrival.max(r.arrival);
        if let Some(t) = r.title.filter(|t| !t.trim().is_empty()) {
            let e = a.titles.entry(t).or_insert((0, r.arrival));
            e.0 += 1;
        }
        if a.lead.is_none() && !r.lead.is_empty() {
            a.lead = Some((r.arrival, r.lead));
        }
        if let Some(p) = r.published {
            if a.first.as_ref().is_none_or(|f| p < *f) {
                a.first = Some(p.clone());
            }
            if a.last.as_ref().is_none_or(|l| p > *l) {
                a.last = Some(p);
            }
        }
    }
    let mut outlets: HashMap<u64, BTreeSet<String>> = HashMap::new();
    let mut inputs: HashMap<u64, Vec<String>> = HashMap::new();
    for c in store.carriers()? {
        let Some(&s) = story_of.get(&c.document) else {
            continue;
        };
        if let Some(o) = c.outlet {
            outlets.entry(s).or_default().insert(o);
        }
        if q.members {
            inputs.entry(s).or_default().push(c.input);
        }
    }
    let since = q.since.map(|d| d.to_string());
    let mut out: Vec<(Option<String>, u64, StoryInfo)> = acc
        .into_iter()
        .filter(|(id, _)| matched.contains(id))
        .filter(|(_, a)| match (&since, &a.last) {
            (None, _) => true,
            (Some(s), Some(l)) => l >= s,
            (Some(_), None) => false,
        })
        .map(|(id, a)| {
            let label = a
                .titles
                .iter()
                .max_by(|x, y| x.1 .0.cmp(&y.1 .0).then(y.1 .1.cmp(&x.1 .1)))
                .map(|(t, _)| t.split_whitespace().collect::<Vec<_>>().join(" "))
                .or(a.lead.map(|l| l.1))
                .unwrap_or_default();
            let info = StoryInfo {
                id,
                label,
                documents: a.documents,
                outlets: outlets
                    .remove(&id)
                    .unwrap_or_default()
                    .into_iter()
                    .collect(),
                first: a.first,
                last: a.last.clone(),
                inputs: q.members.then(|| {
                    let mut v = inputs.remove(&id).unwrap_or_default();
                    v.sort();
                    v
                }),
            };
            (a.last, a.latest_arrival, info)
        })
        .collect();
    out.sort_by(|x, y| (&y.0, y.1).cmp(&(&x.0, x.1)));
    Ok(out.into_iter().map(|(_, _, s)| s).collect())
}
