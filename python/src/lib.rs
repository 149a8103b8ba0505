//! `paper_digest._native`: the Rust side of the Python package.
//!
//! Every call takes the page (`str`, or `bytes`-like for encoding
//! detection), parses it with the GIL released, serializes the result with
//! `serde_json` (still without the GIL) and hands Python one JSON string.
//! The pure-Python layer (`paper_digest/__init__.py`) turns that string into
//! typed dataclasses; its `to_dict()` is therefore the CLI's JSON by
//! construction. Errors are raised as the exception classes of
//! `paper_digest._errors`, so that they are ordinary Python classes
//! (picklable, subclassable, documented in the stub).
#![deny(unsafe_code)]

use std::borrow::Cow;

use paper_digest::archive::{Archive, Origin};
use paper_digest::{Digest, Error, Format, Parser};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyByteArray, PyBytes, PyMemoryView, PyString};

/// The page as Python gave it: text, or bytes whose encoding is detected.
/// `bytes` are borrowed (the object is immutable and outlives the call);
/// `bytearray` and `memoryview` are copied, since Python code may resize
/// them while the GIL is released.
enum Page<'a> {
    Text(String),
    Bytes(Cow<'a, [u8]>),
}

impl<'a> Page<'a> {
    fn extract(data: &'a Bound<'_, PyAny>) -> PyResult<Page<'a>> {
        if let Ok(s) = data.cast::<PyString>() {
            return Ok(Page::Text(s.to_cow()?.into_owned()));
        }
        if let Ok(b) = data.cast::<PyBytes>() {
            return Ok(Page::Bytes(Cow::Borrowed(b.as_bytes())));
        }
        if let Ok(b) = data.cast::<PyByteArray>() {
            return Ok(Page::Bytes(Cow::Owned(b.to_vec())));
        }
        if data.is_instance_of::<PyMemoryView>() {
            let bytes = data.call_method0("tobytes")?;
            return Ok(Page::Bytes(Cow::Owned(
                bytes.cast::<PyBytes>()?.as_bytes().to_vec(),
            )));
        }
        Err(PyTypeError::new_err(format!(
            "data must be str or bytes, not {}",
            data.get_type().name()?
        )))
    }

    fn into_bytes(self) -> Vec<u8> {
        match self {
            Page::Text(s) => s.into_bytes(),
            Page::Bytes(b) => b.into_owned(),
        }
    }
}

/// The options every entry point takes, as a [`Parser`].
fn parser(
    input_format: Option<&str>,
    strict: bool,
    max_bytes: Option<i64>,
    furniture: Option<Vec<String>>,
) -> PyResult<Parser> {
    let mut parser = Parser::new().strict(strict);
    for pattern in furniture.unwrap_or_default() {
        let rule = regex::Regex::new(&pattern).map_err(|e| {
            PyValueError::new_err(format!("invalid furniture pattern {pattern:?}: {e}"))
        })?;
        parser = parser.furniture(rule);
    }
    if let Some(name) = input_format {
        let format = match name.to_ascii_lowercase().as_str() {
            "text" | "txt" => Format::Text,
            "markdown" | "md" => Format::Markdown,
            "html" | "htm" => Format::Html,
            _ => {
                return Err(PyValueError::new_err(format!(
                    "input_format must be 'text', 'markdown', 'html' or None, not {name:?}"
                )));
            }
        };
        parser = parser.format(format);
    }
    if let Some(limit) = max_bytes {
        let limit = usize::try_from(limit)
            .map_err(|_| PyValueError::new_err(format!("max_bytes must be >= 0, not {limit}")))?;
        parser = parser.max_input_bytes(limit);
    }
    Ok(parser)
}

static ERRORS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

/// The Python exception for a Rust [`Error`].
fn to_py_err(py: Python<'_>, err: Error) -> PyErr {
    let module =
        match ERRORS.get_or_try_init(py, || py.import("paper_digest._errors").map(Bound::unbind)) {
            Ok(m) => m.bind(py),
            Err(e) => return e,
        };
    let message = err.to_string();
    let raised = match &err {
        Error::NotADigest(why) => {
            let found: Vec<&str> = why.found_codes().collect();
            module
                .getattr("NotADigestError")
                .and_then(|c| c.call1((message, why.to_string(), found)))
        }
        Error::TooLarge { size, limit } => module
            .getattr("TooLargeError")
            .and_then(|c| c.call1((message, *size, *limit))),
        Error::Strict(warnings) => {
            let json = serde_json::to_string(warnings).unwrap_or_else(|_| "[]".to_owned());
            module
                .getattr("StrictError")
                .and_then(|c| c.call1((message, json)))
        }
        _ => module
            .getattr("PaperDigestError")
            .and_then(|c| c.call1((message,))),
    };
    match raised {
        Ok(exception) => PyErr::from_value(exception),
        Err(e) => e,
    }
}

fn json<T: serde::Serialize>(value: &T) -> String {
    // The model is plain data (strings, numbers, lists, string-keyed maps):
    // serializing it cannot fail.
    serde_json::to_string(value).unwrap_or_else(|e| format!("{{\"error\": {:?}}}", e.to_string()))
}

/// Every digest of `page` as one JSON array, parsed with the GIL released.
fn all_as_json(py: Python<'_>, page: &Page, parser: &Parser) -> Result<String, Error> {
    py.detach(|| {
        match page {
            Page::Text(s) => parser.parse_all(s),
            Page::Bytes(b) => parser.parse_bytes_all(b),
        }
        .map(|d| json(&d))
    })
}

/// Parses one page; returns the digest as JSON.
#[pyfunction]
#[pyo3(signature = (data, input_format=None, strict=false, max_bytes=None, furniture=None))]
fn parse_json(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    input_format: Option<&str>,
    strict: bool,
    max_bytes: Option<i64>,
    furniture: Option<Vec<String>>,
) -> PyResult<String> {
    let page = Page::extract(data)?;
    let parser = parser(input_format, strict, max_bytes, furniture)?;
    py.detach(|| {
        match &page {
            Page::Text(s) => parser.parse(s),
            Page::Bytes(b) => parser.parse_bytes(b),
        }
        .map(|d| json(&d))
    })
    .map_err(|e| to_py_err(py, e))
}

/// Parses one page, or returns `None` when it is not a digest: the crawl
/// path, where almost every page is not one and an exception per page
/// would cost more than the pre-check that turned it away.
#[pyfunction]
#[pyo3(signature = (data, input_format=None, strict=false, max_bytes=None, furniture=None))]
fn scan_json(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    input_format: Option<&str>,
    strict: bool,
    max_bytes: Option<i64>,
    furniture: Option<Vec<String>>,
) -> PyResult<Option<String>> {
    let page = Page::extract(data)?;
    let parser = parser(input_format, strict, max_bytes, furniture)?;
    match all_as_json(py, &page, &parser) {
        Ok(s) => Ok(Some(s)),
        Err(Error::NotADigest(_)) => Ok(None),
        Err(e) => Err(to_py_err(py, e)),
    }
}

/// Parses every digest of a page; returns a JSON array.
#[pyfunction]
#[pyo3(signature = (data, input_format=None, strict=false, max_bytes=None, furniture=None))]
fn parse_all_json(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    input_format: Option<&str>,
    strict: bool,
    max_bytes: Option<i64>,
    furniture: Option<Vec<String>>,
) -> PyResult<String> {
    let page = Page::extract(data)?;
    let parser = parser(input_format, strict, max_bytes, furniture)?;
    all_as_json(py, &page, &parser).map_err(|e| to_py_err(py, e))
}

fn origin(path: Option<String>, url: Option<String>, record: Option<String>) -> Origin {
    Origin { path, url, record }
}

/// The crate's [`Archive`]: copies in, merged issues and the paper index out.
#[pyclass(name = "NativeArchive", module = "paper_digest._native")]
struct NativeArchive {
    archive: Archive,
}

#[pymethods]
impl NativeArchive {
    #[new]
    #[pyo3(signature = (input_format=None, strict=false, max_bytes=None, furniture=None))]
    fn new(
        input_format: Option<&str>,
        strict: bool,
        max_bytes: Option<i64>,
        furniture: Option<Vec<String>>,
    ) -> PyResult<Self> {
        Ok(NativeArchive {
            archive: Archive::with_parser(parser(input_format, strict, max_bytes, furniture)?),
        })
    }

    /// Parses a page and adds every digest in it; returns how many.
    #[pyo3(signature = (data, path=None, url=None, record=None))]
    fn add_page(
        &mut self,
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        path: Option<String>,
        url: Option<String>,
        record: Option<String>,
    ) -> PyResult<usize> {
        let page = Page::extract(data)?.into_bytes();
        let origin = origin(path, url, record);
        let archive = &mut self.archive;
        py.detach(|| archive.add_page(&page, origin))
            .map_err(|e| to_py_err(py, e))
    }

    /// Adds a digest given as its JSON (`Digest.to_json()`).
    #[pyo3(signature = (digest_json, path=None, url=None, record=None))]
    fn add_json(
        &mut self,
        digest_json: &str,
        path: Option<String>,
        url: Option<String>,
        record: Option<String>,
    ) -> PyResult<()> {
        let digest: Digest = serde_json::from_str(digest_json)
            .map_err(|e| PyValueError::new_err(format!("not a digest's JSON: {e}")))?;
        self.archive.add(digest, origin(path, url, record));
        Ok(())
    }

    fn __len__(&self) -> usize {
        self.archive.len()
    }

    /// The merged dataset as JSON.
    fn build_json(&self, py: Python<'_>) -> String {
        let archive = &self.archive;
        py.detach(|| json(&archive.build()))
    }
}

/// The version of the Rust crate the module was built from.
const VERSION: &str = env!("CARGO_PKG_VERSION");

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(parse_json, m)?)?;
    m.add_function(wrap_pyfunction!(parse_all_json, m)?)?;
    m.add_function(wrap_pyfunction!(scan_json, m)?)?;
    m.add_class::<NativeArchive>()?;
    m.add("__version__", VERSION)?;
    m.add(
        "DEFAULT_MAX_INPUT_BYTES",
        paper_digest::DEFAULT_MAX_INPUT_BYTES,
    )?;
    Ok(())
}
