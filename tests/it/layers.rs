//! The layers of `src/` point one way (issue 23), checked the way
//! rust-analyzer's tidy tests check their tree: by reading the source.
//!
//! Every `crate::…` and `super::…` path outside test code (comments, doc
//! comments and `#[cfg(test)]` items are skipped) is resolved to the module
//! it names, through the crate root's `pub use` re-exports. The rules:
//!
//! 1. **Layers.** Each top-level module has a place in [`LAYERS`] (lowest
//!    first); a module imports only from its own layer and the ones below.
//! 2. **No cycles.** Between two modules where neither contains the other
//!    (two top-level modules, or two siblings such as `source::html::locate`
//!    and `source::html::container`), imports go one way.
//! 3. **No reaching in.** A module two levels below a top-level module
//!    (`source::html::tokens`) is an inside of its parent (`source::html`):
//!    only modules inside that parent import it.
//! 4. **Names do not repeat.** No two modules share a name (`text`,
//!    `source::text` and `cli::text` were three; `cli::text` is now
//!    `cli::terminal`, `cli::archive` `cli::archiving`).
//! 5. **Files stay short.** No file holds more than [`MAX_CODE_LINES`] lines
//!    of code, tests and comments aside.
//!
//! A failure lists each offending line. The violations known when the test
//! was written are [`EXCEPTIONS`], each with what would fix it; an exception
//! that no longer occurs fails the test too, so that it is removed with the fix.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The top-level modules of `src/` from the lowest layer up; `""` is the
/// crate root (`src/lib.rs`: the public face, re-exports, `Parser`). A new
/// top-level module must be placed here.
const LAYERS: &[&[&str]] = &[
    // Shared helpers and data tables.
    &["text"],
    &["dates", "vocabulary", "sites"],
    // The public types and what they need.
    &["model", "links", "error"],
    // What every scan knows of HTML markup: the token reader, the element
    // sets.
    &["markup"],
    // bytes → text → lines → classified lines → digest.
    &["decode"],
    &["source"],
    &["grammar", "precheck"],
    &["trailer", "truncation"],
    &["assemble"],
    &["split"],
    &["render"],
    // The public face (`Parser`, the re-exports), and what parses through it.
    &[""],
    &["archive"],
    // Reading files, directories, standard input and WARC records (feature
    // `read`), through the crate root's `Parser`.
    &["read"],
    &["cli"],
];

/// A known violation: the rule, the importing module, the imported module,
/// and why it is still there.
struct Exception {
    rule: Rule,
    from: &'static str,
    to: &'static str,
}

/// Violations known when the test was written, each removed with its fix:
/// none are left (the last two, `cli::text` and `cli::archive`, are
/// `cli::terminal` and `cli::archiving`). A new one needs a reason here.
const EXCEPTIONS: &[Exception] = &[];

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Rule {
    /// An import from a higher layer.
    Upward,
    /// Two modules that import each other (directly or around a loop).
    Cycle,
    /// An import of another module's inside.
    ReachesIn,
    /// Two modules of the same name (`from` is the name).
    NameRepeats,
}

/// One resolved path: where it is and what it names.
struct Use {
    from: String,
    to: String,
    file: String,
    line: usize,
    text: String,
}

#[test]
fn layers_point_one_way() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let (modules, test_only) = modules(&src);
    let reexports = reexports(&std::fs::read_to_string(src.join("lib.rs")).unwrap());
    let mut uses = Vec::new();
    for (module, file) in &modules {
        if test_only.contains(module) || file.ends_with("main.rs") {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap();
        let rel = file
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap_or(file)
            .trim_start_matches('/')
            .to_owned();
        for (line, path) in paths(&non_test_code(&text)) {
            let Some(to) = resolve(module, &path, &modules, &reexports) else {
                continue;
            };
            uses.push(Use {
                from: module.clone(),
                to,
                file: rel.clone(),
                line,
                text: text.lines().nth(line - 1).unwrap_or("").trim().to_owned(),
            });
        }
    }
    assert!(uses.len() > 100, "only {} crate paths read", uses.len());

    let layer = |m: &str| {
        let top = m.split("::").next().unwrap_or("");
        LAYERS.iter().position(|l| l.contains(&top))
    };
    let mut problems: Vec<String> = Vec::new();
    let mut found: BTreeSet<(Rule, String, String)> = BTreeSet::new();
    let mut report = |rule: Rule, from: &str, to: &str, what: String| {
        let known = EXCEPTIONS
            .iter()
            .any(|e| e.rule == rule && e.from == from && e.to == to);
        found.insert((rule, from.to_owned(), to.to_owned()));
        if !known {
            problems.push(what);
        }
    };

    for module in modules.keys() {
        if !test_only.contains(module) && module != "main" && layer(module).is_none() {
            let what = format!("module `{module}` has no place in LAYERS");
            report(Rule::Upward, module, module, what);
        }
    }

    // Rule 4.
    let mut by_name: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for module in modules.keys() {
        if !test_only.contains(module) && !module.is_empty() && module != "main" {
            let name = module.rsplit("::").next().unwrap_or(module);
            by_name.entry(name).or_default().push(module);
        }
    }
    for (name, all) in by_name.iter().filter(|(_, all)| all.len() > 1) {
        let what = format!(
            "{} modules are called `{name}`: {}",
            all.len(),
            all.join(", ")
        );
        report(Rule::NameRepeats, name, "", what);
    }

    // Rules 1 and 3, line by line.
    for u in &uses {
        let (top_from, top_to) = (top(&u.from), top(&u.to));
        if top_from != top_to
            && let (Some(a), Some(b)) = (layer(&u.from), layer(&u.to))
            && a < b
        {
            let what = format!(
                "{}:{}: `{}` (layer {a}) imports `{}` (layer {b}): {}",
                u.file, u.line, u.from, top_to, u.text
            );
            report(Rule::Upward, &u.from, top_to, what);
        }
        let parts: Vec<&str> = u.to.split("::").collect();
        if parts.len() >= 3 {
            let parent = parts[..2].join("::");
            if !within(&u.from, &parent) {
                let what = format!(
                    "{}:{}: `{}` reaches into `{}`, an inside of `{parent}`: {}",
                    u.file, u.line, u.from, u.to, u.text
                );
                report(Rule::ReachesIn, &u.from, &u.to, what);
            }
        }
    }

    // Rule 2: the imports between siblings (the children of the two
    // modules' nearest common ancestor), one graph per parent.
    let mut edges: BTreeMap<(String, String), Vec<&Use>> = BTreeMap::new();
    for u in &uses {
        if let Some((a, b)) = siblings(&u.from, &u.to) {
            edges.entry((a, b)).or_default().push(u);
        }
    }
    for cycle in cycles(&edges.keys().cloned().collect::<Vec<_>>()) {
        let mut what = format!("modules import each other: {}", cycle.join(" -> "));
        let mut pairs = Vec::new();
        for pair in cycle.windows(2) {
            for u in &edges[&(pair[0].clone(), pair[1].clone())] {
                what.push_str(&format!("\n    {}:{}: {}", u.file, u.line, u.text));
            }
            let mut pair = [pair[0].clone(), pair[1].clone()];
            pair.sort();
            pairs.push(pair);
        }
        // An exception names one pair of the loop, in either order.
        let known = EXCEPTIONS.iter().find(|e| {
            e.rule == Rule::Cycle
                && pairs
                    .iter()
                    .any(|[a, b]| (e.from == a && e.to == b) || (e.from == b && e.to == a))
        });
        match known {
            Some(e) => report(Rule::Cycle, e.from, e.to, what),
            None => report(Rule::Cycle, &cycle[0], &cycle[1], what),
        }
    }

    for e in EXCEPTIONS {
        if !found.contains(&(e.rule, e.from.to_owned(), e.to.to_owned())) {
            problems.push(format!(
                "the exception {:?} `{}` -> `{}` no longer occurs: remove it from EXCEPTIONS",
                e.rule, e.from, e.to
            ));
        }
    }
    problems.dedup();
    assert!(
        problems.is_empty(),
        "{} layering problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

fn top(module: &str) -> &str {
    module.split("::").next().unwrap_or("")
}

/// Whether `module` is `ancestor` or inside it.
fn within(module: &str, ancestor: &str) -> bool {
    ancestor.is_empty()
        || module == ancestor
        || module
            .strip_prefix(ancestor)
            .is_some_and(|rest| rest.starts_with("::"))
}

/// The children of the nearest common ancestor of `a` and `b` that hold
/// them, or `None` when one contains the other (a module and its own
/// submodule use each other's items freely).
fn siblings(a: &str, b: &str) -> Option<(String, String)> {
    let (pa, pb): (Vec<&str>, Vec<&str>) = (
        a.split("::").filter(|s| !s.is_empty()).collect(),
        b.split("::").filter(|s| !s.is_empty()).collect(),
    );
    let common = pa.iter().zip(&pb).take_while(|(x, y)| x == y).count();
    if common == pa.len() || common == pb.len() {
        return None;
    }
    Some((pa[..=common].join("::"), pb[..=common].join("::")))
}

/// Each loop of the graph once, as a path that ends where it starts: one
/// per strongly connected component of more than one module, found with
/// the component's shortest loop through its least module.
fn cycles(edges: &[(String, String)]) -> Vec<Vec<String>> {
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (a, b) in edges {
        next.entry(a).or_default().push(b);
    }
    let reach = |from: &str| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from];
        while let Some(m) = stack.pop() {
            for &n in next.get(m).into_iter().flatten() {
                if seen.insert(n) {
                    stack.push(n);
                }
            }
        }
        seen
    };
    let mut done = BTreeSet::new();
    let mut out = Vec::new();
    for &start in next.keys() {
        if done.contains(start) || !reach(start).contains(start) {
            continue;
        }
        // The component: every module reachable from `start` that reaches it.
        let component: BTreeSet<&str> = reach(start)
            .into_iter()
            .filter(|m| reach(m).contains(start))
            .collect();
        done.extend(component.iter().copied());
        // The shortest loop from `start`, breadth first.
        let mut came: BTreeMap<&str, &str> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([start]);
        'search: while let Some(m) = queue.pop_front() {
            for &n in next.get(m).into_iter().flatten() {
                if n == start {
                    // Back from `m` to `start`, then turned around.
                    let mut path = vec![m.to_owned()];
                    let mut at = m;
                    while at != start {
                        at = came[at];
                        path.push(at.to_owned());
                    }
                    path.reverse();
                    path.push(start.to_owned());
                    out.push(path);
                    break 'search;
                }
                if component.contains(n) && !came.contains_key(n) {
                    came.insert(n, m);
                    queue.push_back(n);
                }
            }
        }
    }
    out
}

/// The most code lines a file of `src/` holds, tests and comments aside
/// (issue 23): a file that grows past it is split where a part has a name
/// of its own.
const MAX_CODE_LINES: usize = 600;

#[test]
fn no_code_file_is_over_600_lines() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let (modules, test_only) = modules(&src);
    let mut long = Vec::new();
    for (module, file) in &modules {
        if test_only.contains(module) {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap();
        let n = non_test_code(&text)
            .lines()
            .filter(|l| !l.trim().is_empty())
            .count();
        if n > MAX_CODE_LINES {
            long.push(format!("{file}: {n} code lines"));
        }
    }
    assert!(
        long.is_empty(),
        "over {MAX_CODE_LINES} code lines (tests and comments aside):\n{}",
        long.join("\n")
    );
}

/// Every module of `src/` by its path (`""` for `lib.rs`, `source::html`
/// for `source/html/mod.rs`) with its file, and the modules declared under
/// `#[cfg(test)]` (with everything inside them).
fn modules(src: &Path) -> (BTreeMap<String, String>, BTreeSet<String>) {
    let mut modules = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(src).unwrap().with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
                parts.pop();
            }
            modules.insert(parts.join("::"), path.to_string_lossy().into_owned());
        }
    }
    let mut test_only = BTreeSet::new();
    for (module, file) in &modules {
        let text = std::fs::read_to_string(file).unwrap();
        let mut lines = text.lines().map(str::trim);
        while let Some(line) = lines.next() {
            if line == "#[cfg(test)]"
                && let Some(decl) = lines.next()
                && let Some(name) = decl
                    .strip_prefix("mod ")
                    .or_else(|| decl.strip_prefix("pub(crate) mod "))
                    .and_then(|d| d.strip_suffix(';'))
            {
                let child = if module.is_empty() {
                    name.to_owned()
                } else {
                    format!("{module}::{name}")
                };
                test_only.extend(
                    modules
                        .keys()
                        .filter(|m| within(m, &child))
                        .cloned()
                        .collect::<Vec<_>>(),
                );
            }
        }
    }
    (modules, test_only)
}

/// The crate root's re-exports: `pub use model::{Digest, …};` maps `Digest`
/// to `model`.
fn reexports(lib: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (_, path) in paths(&non_test_code(lib).replace("pub use ", "pub use crate::")) {
        if path.len() >= 3 {
            out.insert(path[path.len() - 1].clone(), path[1].clone());
        }
    }
    out
}

/// The module a path written in `module` names: the longest prefix of it
/// that is a module, a re-exported name's module, or the crate root.
fn resolve(
    module: &str,
    path: &[String],
    modules: &BTreeMap<String, String>,
    reexports: &BTreeMap<String, String>,
) -> Option<String> {
    let mut full: Vec<String> = Vec::new();
    let mut rest = path;
    match rest.first().map(String::as_str) {
        Some("crate") => rest = &rest[1..],
        Some("super") => {
            full = module
                .split("::")
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
            while rest.first().is_some_and(|s| s == "super") {
                full.pop()?;
                rest = &rest[1..];
            }
        }
        _ => return None,
    }
    full.extend(rest.iter().filter(|s| *s != "self").cloned());
    if let Some(first) = path.get(1)
        && path[0] == "crate"
        && let Some(m) = reexports.get(first)
        && !modules.contains_key(first)
    {
        return Some(m.clone());
    }
    (0..=full.len())
        .rev()
        .map(|k| full[..k].join("::"))
        .find(|m| modules.contains_key(m))
}

/// The text with comments and `#[cfg(test)]` items blanked (lines kept, so
/// that offsets still give line numbers).
fn non_test_code(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut skipping = false;
    let mut depth = 0i32;
    let mut opened = false;
    let mut pending_attr = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if !skipping && trimmed == "#[cfg(test)]" {
            skipping = true;
            pending_attr = true;
            depth = 0;
            opened = false;
            out.push('\n');
            continue;
        }
        if skipping {
            if pending_attr && trimmed.starts_with("#[") {
                out.push('\n');
                continue;
            }
            pending_attr = false;
            depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
            opened |= line.contains('{');
            if (opened && depth <= 0) || (!opened && trimmed.ends_with(';')) {
                skipping = false;
            }
            out.push('\n');
            continue;
        }
        let code = match line.find("//") {
            Some(i) if !line[..i].ends_with(':') => &line[..i],
            _ => line,
        };
        out.push_str(code);
        out.push('\n');
    }
    out
}

/// Every `crate::…` and `super::…` path in `code` with its line, a use
/// tree's groups expanded (`crate::a::{b, c::d}` gives `a::b` and `a::c::d`).
fn paths(code: &str) -> Vec<(usize, Vec<String>)> {
    let bytes = code.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts = ["crate::", "super::"]
            .into_iter()
            .find(|s| code[i..].starts_with(s));
        let boundary = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
        if let (Some(_), true) = (starts, boundary) {
            let line = code[..i].matches('\n').count() + 1;
            let mut leaves = Vec::new();
            let end = tree(code, i, Vec::new(), &mut leaves);
            out.extend(leaves.into_iter().map(|p| (line, p)));
            i = end.max(i + 1);
        } else {
            i += code[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    out
}

/// Reads a use tree at `at` (segments, `::`, `{…}` groups), pushing each
/// leaf path onto `leaves` after `prefix`; returns where the tree ends.
fn tree(
    code: &str,
    mut at: usize,
    mut prefix: Vec<String>,
    leaves: &mut Vec<Vec<String>>,
) -> usize {
    let ident = |at: usize| {
        code[at..]
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .map_or(code.len(), |n| at + n)
    };
    loop {
        let end = ident(at);
        if end == at {
            break;
        }
        prefix.push(code[at..end].to_owned());
        at = end;
        if !code[at..].starts_with("::") {
            break;
        }
        at += 2;
        if code[at..].starts_with('{') {
            at += 1;
            loop {
                at += code[at..].len() - code[at..].trim_start().len();
                if code[at..].starts_with('}') {
                    return at + 1;
                }
                if at >= code.len() {
                    return at;
                }
                at = tree(code, at, prefix.clone(), leaves);
                at += code[at..].len() - code[at..].trim_start().len();
                if code[at..].starts_with(',') {
                    at += 1;
                } else if !code[at..].starts_with('}') {
                    // `as` renames and anything else: skip to the separator.
                    let skip = code[at..].find([',', '}']).unwrap_or(code.len() - at);
                    at += skip;
                    if code[at..].starts_with(',') {
                        at += 1;
                    }
                }
            }
        }
    }
    leaves.push(prefix);
    at
}

/// The reader above, on the shapes it must read.
#[test]
fn paths_are_read_from_use_trees_and_expressions() {
    let code = "use crate::a::{self, b, c::{d, E}};\nlet x = super::f::g(crate::h::I);\n// crate::comment\n";
    let got: Vec<(usize, String)> = paths(&non_test_code(code))
        .into_iter()
        .map(|(l, p)| (l, p.join("::")))
        .collect();
    let want = [
        (1, "crate::a::self"),
        (1, "crate::a::b"),
        (1, "crate::a::c::d"),
        (1, "crate::a::c::E"),
        (2, "super::f::g"),
        (2, "crate::h::I"),
    ];
    assert_eq!(got, want.map(|(l, p)| (l, p.to_owned())).to_vec(), "{code}");
    let tests = "fn f() {}\n#[cfg(test)]\nmod tests {\n    use crate::x;\n}\nuse crate::y;\n";
    let got: Vec<String> = paths(&non_test_code(tests))
        .into_iter()
        .map(|(_, p)| p.join("::"))
        .collect();
    assert_eq!(got, ["crate::y"]);
}

/// The graph rules on a small graph: a loop is found, a chain is not.
#[test]
fn cycles_are_found_and_chains_are_not() {
    let e = |a: &str, b: &str| (a.to_owned(), b.to_owned());
    assert_eq!(
        cycles(&[e("a", "b"), e("b", "c"), e("c", "a"), e("c", "d")]),
        [["a", "b", "c", "a"]]
    );
    assert!(cycles(&[e("a", "b"), e("b", "c"), e("a", "c")]).is_empty());
    assert_eq!(
        siblings("source::html::locate", "source::html::container"),
        Some((
            "source::html::locate".to_owned(),
            "source::html::container".to_owned()
        ))
    );
    assert_eq!(siblings("source::html", "source"), None);
    assert_eq!(
        siblings("precheck", "source::html::tokens"),
        Some(("precheck".to_owned(), "source".to_owned()))
    );
}

/// The places that must handle every field of `Paper` (CONTRIBUTING's
/// recipe "add an output field"): each names every field, in a
/// `let Paper { … }` or a struct literal without `..`, so that a new field is
/// a compile error there. This holds them to it: a `..` (or a place that
/// stops naming the struct) fails here.
#[test]
fn paper_is_named_whole_where_it_must_be_handled() {
    const PLACES: &[(&str, &str)] = &[
        ("src/render.rs", "paper_blocks"),
        ("src/assemble/shapes.rs", "is_bare"),
        ("src/archive/mod.rs", "fold"),
        ("src/archive/resolve.rs", "paper"),
        ("src/archive/index.rs", "entry"),
        ("src/cli/output.rs", "csv_rows"),
        ("src/cli/terminal.rs", "write_paper"),
        ("tests/it/properties.rs", "paper"),
        ("fuzz/fuzz_targets/roundtrip.rs", "paper"),
    ];
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let model = std::fs::read_to_string(root.join("src/model.rs")).unwrap();
    let start = model.find("pub struct Paper {").expect("struct Paper");
    let end = start + model[start..].find("\n}").unwrap();
    let fields: Vec<&str> = model[start..end]
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub ")?.split_once(':'))
        .map(|(name, _)| name)
        .collect();
    assert!(fields.len() >= 8, "fields of Paper: {fields:?}");
    let mut problems = Vec::new();
    for &(file, function) in PLACES {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        let Some(at) = [format!("fn {function}("), format!("fn {function}<")]
            .iter()
            .find_map(|f| text.find(f.as_str()))
        else {
            problems.push(format!("{file}: no fn {function}"));
            continue;
        };
        let body = &text[at..];
        let body = &body[..body[3..].find("\nfn ").map_or(body.len(), |n| n + 3)];
        let Some(open) = body.find("Paper {") else {
            problems.push(format!("{file}: {function} does not name `Paper {{ … }}`"));
            continue;
        };
        // The block up to the struct's closing brace: the first `}` at the
        // indentation of the line that opened it.
        let indent = text[..at + open]
            .rsplit('\n')
            .next()
            .map_or(0, |l| l.len() - l.trim_start().len());
        let close = format!("\n{}}}", " ".repeat(indent));
        let Some(len) = body[open..].find(&close) else {
            problems.push(format!(
                "{file}: {function}: no closing brace of `Paper {{`"
            ));
            continue;
        };
        let block = &body[open..open + len];
        if block.lines().any(|l| l.trim().starts_with("..")) {
            problems.push(format!("{file}: {function} leaves fields to `..`"));
        }
        for field in &fields {
            let named = block.lines().any(|l| {
                let l = l.trim();
                l.strip_prefix(field).is_some_and(|rest| {
                    rest.starts_with(':') || rest.starts_with(',') || rest.is_empty()
                })
            });
            if !named {
                problems.push(format!("{file}: {function} does not name `{field}`"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
