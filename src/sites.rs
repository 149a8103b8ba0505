//! What the parser knows about the sites that republish the column, as data.
//!
//! One row per site: its hosts, its article containers (most specific
//! first), the elements holding its headline, date and source, the suffixes
//! its `<title>` carries, and the furniture phrases it prints around the
//! article. The generic row comes last. Every per-site list the HTML reader
//! ([`crate::source`]) and the line classifier use is derived from these
//! rows, in row order, so that adding a site is one row here and one fixture
//! folder under `tests/fixtures/sites/<name>/` (see CONTRIBUTING.md). A test
//! checks that the README's site table names every row.

/// One site that republishes the column.
pub(crate) struct Site {
    /// The site's name: its fixture folder (`tests/fixtures/sites/<name>/`)
    /// and, ASCII case-insensitively, the first cell of its README row.
    #[cfg_attr(not(test), allow(dead_code))]
    pub name: &'static str,
    /// Host names the site serves articles from (documentation; the reader
    /// recognises a site by its markup, since saved pages rarely keep a URL).
    #[allow(dead_code)]
    pub hosts: &'static [&'static str],
    /// CSS selectors of the article container, most specific first.
    pub containers: &'static [&'static str],
    /// CSS selectors of the headline element.
    pub headline: &'static [&'static str],
    /// CSS selectors of visible elements whose text holds the date.
    pub date: &'static [&'static str],
    /// CSS selectors of the element naming the source (an element's text or
    /// a `<meta>`'s `content`).
    pub source: &'static [&'static str],
    /// Suffixes the site appends to `<title>`, longest first where one
    /// contains another.
    pub title_suffixes: &'static [&'static str],
    /// Prefixes of lines that are the site's furniture, not content.
    pub furniture: &'static [&'static str],
}

/// Every site, the generic fallbacks last.
pub(crate) const SITES: &[Site] = &[
    Site {
        name: "wechat",
        hosts: &["mp.weixin.qq.com"],
        containers: &["#js_content", ".rich_media_content"],
        headline: &["#activity-name"],
        date: &["#publish_time"],
        source: &["#js_name"],
        title_suffixes: &[],
        furniture: &[
            "关注公众号",
            "阅读原文",
            "点击阅读原文",
            "微信扫一扫",
            "长按二维码",
            "长按识别",
            "点击上方",
            "点个在看",
            "喜欢此内容的人还喜欢",
        ],
    },
    Site {
        name: "jiqizhixin",
        hosts: &["www.jiqizhixin.com", "jiqizhixin.com"],
        containers: &[".article__content", ".js-article-content"],
        headline: &[".article__title"],
        date: &[".article__time"],
        source: &[".article__source"],
        title_suffixes: &[" - 机器之心", "| 机器之心", "_机器之心"],
        furniture: &["投稿或寻求报道", "转载请联系"],
    },
    Site {
        name: "thepaper",
        hosts: &["www.thepaper.cn", "m.thepaper.cn"],
        containers: &[".news_txt", "[class*=index_cententWrap]"],
        headline: &["h1.news_title", "[class*=index_title]"],
        date: &[".news_about", "[class*=index_headerContent]"],
        source: &[],
        title_suffixes: &["_澎湃新闻-The Paper", "_澎湃新闻", "-澎湃新闻"],
        furniture: &["本文为澎湃号作者", "特别声明"],
    },
    Site {
        name: "163",
        hosts: &["www.163.com", "dy.163.com", "tech.163.com"],
        containers: &[".post_body", "#endText"],
        headline: &[".post_title", "h1.post_title"],
        date: &[".post_info"],
        source: &["#ne_article_source"],
        title_suffixes: &[
            "_网易订阅",
            "_网易新闻",
            "_网易科技",
            "_手机网易网",
            "_网易",
        ],
        furniture: &["网友评论"],
    },
    Site {
        name: "sohu",
        hosts: &["www.sohu.com", "m.sohu.com"],
        containers: &["#mp-editor", "article.article"],
        headline: &[".text-title h1"],
        date: &[],
        source: &[],
        title_suffixes: &["_搜狐科技_搜狐网", "_搜狐网", "_搜狐"],
        furniture: &["返回搜狐"],
    },
    Site {
        name: "sina",
        hosts: &[
            "finance.sina.com.cn",
            "tech.sina.com.cn",
            "news.sina.com.cn",
        ],
        containers: &["#artibody"],
        headline: &["h1.main-title"],
        date: &[".date-source .date"],
        source: &[".date-source .source"],
        title_suffixes: &[
            "_新浪财经_新浪网",
            "_新浪科技_新浪网",
            "_新浪新闻",
            "_新浪网",
        ],
        furniture: &["新浪声明", "海量资讯、精准解读"],
    },
    Site {
        name: "toutiao",
        hosts: &["www.toutiao.com"],
        containers: &[".article-content"],
        headline: &["h1.article-title", ".article-title"],
        date: &[".article-meta"],
        source: &[],
        title_suffixes: &[" - 今日头条", "_今日头条"],
        furniture: &["24小时热榜"],
    },
    Site {
        name: "zhuanzhi",
        hosts: &["www.zhuanzhi.ai"],
        containers: &[".zz-article-content", ".article-detail-content"],
        headline: &[".article-detail-title"],
        date: &[],
        source: &[],
        title_suffixes: &[" - 专知", "_专知", " - 专知VIP"],
        furniture: &[],
    },
    Site {
        name: "zhihu",
        hosts: &["zhuanlan.zhihu.com", "www.zhihu.com"],
        containers: &[".Post-RichText", ".RichText"],
        headline: &["h1.Post-Title"],
        date: &[".ContentItem-time"],
        source: &[],
        title_suffixes: &[" - 知乎"],
        furniture: &[],
    },
    Site {
        name: "csdn",
        hosts: &["blog.csdn.net"],
        containers: &["#content_views", "#article_content"],
        headline: &[".title-article"],
        date: &[],
        source: &[],
        title_suffixes: &["-CSDN博客", "_CSDN博客"],
        furniture: &[],
    },
    Site {
        name: "generic",
        hosts: &[],
        containers: &["#content", "article", ".article", "main"],
        headline: &[],
        date: &[".article-info", ".time", ".date"],
        source: &[
            "meta[name=source]",
            "meta[name=author]",
            "meta[property=\"og:article:author\"]",
        ],
        title_suffixes: &[],
        furniture: &[
            "©",
            "(c)",
            "Copyright",
            "THE END",
            "The End",
            "—THE END",
            "- THE END",
            "[广告]",
            "【广告】",
            "广告：",
            "广告:",
            "赞助链接",
            "随时掌握",
            "原标题",
            "责任编辑",
            "免责声明",
            "声明：",
            "分享到",
            "扫一扫",
            "推荐阅读",
            "相关推荐",
            "相关阅读",
            "热门推荐",
            "热门文章",
            "查看更多",
            "版权所有",
            "未经授权",
            "编辑：",
            "编辑:",
        ],
    },
];

/// One column of the table, row by row.
pub(crate) fn column(
    field: impl Fn(&Site) -> &'static [&'static str],
) -> impl Iterator<Item = &'static str> {
    SITES.iter().flat_map(move |s| field(s).iter().copied())
}

/// Every site's title suffixes, longest first, so that a suffix is tried
/// before any shorter one it ends with.
pub(crate) fn title_suffixes() -> Vec<&'static str> {
    let mut all: Vec<&'static str> = column(|s| s.title_suffixes).collect();
    all.sort_by_key(|s| std::cmp::Reverse(s.len()));
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_the_generic_row_is_last() {
        let mut names: Vec<_> = SITES.iter().map(|s| s.name).collect();
        assert_eq!(names.last(), Some(&"generic"));
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), SITES.len());
    }

    #[test]
    fn no_phrase_or_selector_is_listed_twice() {
        type Field = fn(&Site) -> &'static [&'static str];
        let fields: [Field; 6] = [
            |s| s.containers,
            |s| s.headline,
            |s| s.date,
            |s| s.source,
            |s| s.title_suffixes,
            |s| s.furniture,
        ];
        for field in fields {
            let mut all: Vec<_> = column(field).collect();
            let n = all.len();
            all.sort_unstable();
            all.dedup();
            assert_eq!(all.len(), n);
        }
    }

    #[test]
    fn longer_suffixes_come_first() {
        let all = title_suffixes();
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert!(!b.ends_with(a), "{b:?} after {a:?}");
            }
        }
    }

    /// The README's site table has a row per site, naming it and listing
    /// its containers in order.
    #[test]
    fn the_readme_site_table_lists_every_row() {
        let readme = include_str!("../README.md");
        let table: Vec<&str> = readme
            .lines()
            .skip_while(|l| !l.starts_with("| Site |"))
            .take_while(|l| l.starts_with('|'))
            .collect();
        assert!(!table.is_empty(), "README has no site table");
        for site in SITES {
            let row = table
                .iter()
                .find(|l| {
                    l.split('|')
                        .nth(1)
                        .is_some_and(|cell| cell.to_ascii_lowercase().contains(site.name))
                })
                .unwrap_or_else(|| panic!("README's site table has no row for {}", site.name));
            let mut from = 0;
            for container in site.containers {
                let quoted = format!("`{container}`");
                let at = row[from..]
                    .find(&quoted)
                    .unwrap_or_else(|| panic!("README: {} lacks {quoted} (in order)", site.name));
                from += at + quoted.len();
            }
        }
        assert_eq!(table.len(), SITES.len() + 2, "a README row per site");
    }

    /// Every row has a fixture folder and every folder a row.
    #[test]
    fn every_row_has_a_fixture_folder() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/sites");
        let mut folders: Vec<String> = std::fs::read_dir(root)
            .expect("tests/fixtures/sites")
            .filter_map(Result::ok)
            .filter(|e| e.path().is_dir())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        folders.sort();
        let mut names: Vec<String> = SITES.iter().map(|s| s.name.to_owned()).collect();
        names.sort();
        assert_eq!(folders, names);
    }
}
