//! The site fixtures, discovered: one folder per site under
//! `tests/fixtures/sites/<name>/` (and per site with no row under
//! `tests/fixtures/unknown-sites/<name>/`), holding `page.html` (the seed digest in the
//! site's markup), `expect.json` (the whole digest it must give, compared by
//! `golden`) and `expect.txt` (what the digest cannot show: the container,
//! whether it is located; the furniture that must stay out). Read by
//! the modules of `tests/it/` (the unit tests read the same folders with
//! `src/fixtures.rs`).

use std::path::PathBuf;

/// One site fixture folder.
#[derive(Debug)]
pub struct SiteFixture {
    /// The folder's name, which is the site's row name in `src/sites.rs`.
    pub name: String,
    /// The folder.
    pub dir: PathBuf,
    /// The `class` of the container the reader must choose.
    pub container_class: String,
    /// Whether the byte scan must locate the container.
    pub located: bool,
    /// Phrases of the site's furniture that must not reach the content.
    pub furniture: Vec<String>,
}

impl SiteFixture {
    /// The bytes of `page.html`.
    pub fn page(&self) -> Vec<u8> {
        let path = self.dir.join("page.html");
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }
}

/// Every folder under `tests/fixtures/sites/`, by name.
pub fn site_fixtures() -> Vec<SiteFixture> {
    fixtures_in("tests/fixtures/sites")
}

/// Every folder under `tests/fixtures/unknown-sites/`: sites with no row in
/// `src/sites.rs`, in the same layout.
pub fn unknown_site_fixtures() -> Vec<SiteFixture> {
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
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let expect = std::fs::read_to_string(dir.join("expect.txt"))
            .unwrap_or_else(|e| panic!("{name}/expect.txt: {e}"));
        let mut fixture = SiteFixture {
            name: name.clone(),
            dir,
            container_class: String::new(),
            located: false,
            furniture: Vec::new(),
        };
        for line in expect
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let (key, value) = line
                .split_once(": ")
                .unwrap_or_else(|| panic!("{name}/expect.txt: {line:?}"));
            match key {
                "container-class" => {
                    fixture.container_class = value.trim_matches('"').to_owned();
                }
                "located" => fixture.located = value == "yes",
                "furniture" => fixture.furniture.push(value.to_owned()),
                _ => panic!("{name}/expect.txt: unknown key {key:?}"),
            }
        }
        all.push(fixture);
    }
    all.sort_by(|a, b| a.name.cmp(&b.name));
    assert!(!all.is_empty(), "no fixtures found in {folder}");
    all
}
