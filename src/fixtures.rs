//! The site fixtures as the unit tests read them (`#[cfg(test)]`): one folder
//! per site under `tests/fixtures/sites/<name>/` (and per site with no row
//! under `tests/fixtures/unknown-sites/<name>/`) holding `page.html` and
//! `expect.txt`. The integration tests read the same folders with
//! `tests/it/common/sites.rs`, which checks every key; this reads only what
//! the HTML reader's unit tests compare (the container's class, whether the
//! byte scan locates it).

use std::path::PathBuf;

/// One site fixture folder.
#[derive(Debug)]
pub(crate) struct SiteFixture {
    /// The folder.
    pub(crate) dir: PathBuf,
    /// The `class` of the container the reader must choose.
    pub(crate) container_class: String,
    /// Whether the byte scan must locate the container.
    pub(crate) located: bool,
}

/// Every folder under `tests/fixtures/sites/`, by name.
pub(crate) fn site_fixtures() -> Vec<SiteFixture> {
    fixtures_in("tests/fixtures/sites")
}

/// Every folder under `tests/fixtures/unknown-sites/`.
pub(crate) fn unknown_site_fixtures() -> Vec<SiteFixture> {
    fixtures_in("tests/fixtures/unknown-sites")
}

fn fixtures_in(folder: &str) -> Vec<SiteFixture> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut all = Vec::new();
    for entry in std::fs::read_dir(&root).expect(folder) {
        let dir = entry.expect("a folder entry").path();
        if !dir.is_dir() {
            continue;
        }
        let expect = std::fs::read_to_string(dir.join("expect.txt"))
            .unwrap_or_else(|e| panic!("{}/expect.txt: {e}", dir.display()));
        let mut fixture = SiteFixture {
            dir,
            container_class: String::new(),
            located: false,
        };
        for (key, value) in expect.lines().filter_map(|l| l.split_once(": ")) {
            match key {
                "container-class" => value
                    .trim_matches('"')
                    .clone_into(&mut fixture.container_class),
                "located" => fixture.located = value == "yes",
                _ => {}
            }
        }
        all.push(fixture);
    }
    all.sort_by(|a, b| a.dir.cmp(&b.dir));
    assert!(!all.is_empty(), "no fixtures found in {folder}");
    all
}
