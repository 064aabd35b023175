//! Reading JSON and YAML files with positions.
//!
//! Every file seam reads goes through here: a size budget, UTF-8 check, a parser with depth
//! and alias budgets, and a way back from a JSON pointer (a validator's instance path, a field
//! of a model type) to the line and column a user can act on.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use serde_saphyr::Spanned;

/// Largest file seam reads (schemas, payloads, YAML configuration).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
/// Deepest nesting accepted in a YAML document.
const MAX_YAML_DEPTH: usize = 100;
/// Stack the YAML parser runs on when less than [`PARSER_RED_ZONE`] is left: deep (but within
/// budget) documents recurse in serde.
const PARSER_STACK_BYTES: usize = 256 * 1024 * 1024;
/// Stack the YAML parser needs left to run in place: four times what the deepest documents
/// accepted (`MAX_YAML_DEPTH` levels of block or flow nesting, aliases) take in a debug build
/// (about 4 MiB; 0.5 MiB in release). The `seam` binary's threads have a stack large enough
/// ([`WORKER_STACK_BYTES`]), so parsing thousands of files allocates no stack for each.
const PARSER_RED_ZONE: usize = 16 * 1024 * 1024;
/// Stack of the `seam` binary's main work thread and of its rayon workers.
pub const WORKER_STACK_BYTES: usize = 64 * 1024 * 1024;

/// The syntax of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// JSON (strict).
    Json,
    /// YAML 1.2 (strict booleans).
    Yaml,
}

impl Syntax {
    /// Chooses by extension: `.yaml`/`.yml` is YAML, everything else JSON.
    pub fn of(path: &Path) -> Self {
        match path.extension().and_then(|e| e.to_str()) {
            Some("yaml" | "yml") => Self::Yaml,
            _ => Self::Json,
        }
    }
}

/// Why a file could not be read or parsed, with the 1-based position when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// 1-based line, 0 when unknown.
    pub line: usize,
    /// 1-based column, 0 when unknown.
    pub col: usize,
    /// Lowercase message fragment.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl SyntaxError {
    fn new(line: usize, col: usize, message: impl Into<String>) -> Self {
        Self {
            line,
            col,
            message: message.into(),
            help: None,
        }
    }

    fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// A parsed document: its text, its value, and the positions of its nodes.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path as shown to users.
    pub path: PathBuf,
    /// Syntax it was parsed with.
    pub syntax: Syntax,
    /// The text.
    pub text: String,
    /// The value.
    pub value: Value,
    /// YAML only: the positioned tree (JSON positions are computed on demand from the text).
    yaml: Option<Spanned<Node>>,
    /// For a line of a JSON-lines file: its 1-based line number (the text is that line).
    line: Option<usize>,
}

/// A folder files are read from: every file read through it must resolve, symbolic links
/// followed, to a regular file inside it. The folder is canonicalized once, here.
#[derive(Debug, Clone)]
pub struct RepoRoot {
    dir: PathBuf,
    /// The canonical folder; `None` when it cannot be resolved (every read is then refused).
    real: Option<PathBuf>,
    /// Folders below `dir` (relative) known to be real folders all the way down from it (no
    /// symbolic link on the way), or known not to be. Shared by the clones of a root.
    folders: std::sync::Arc<std::sync::Mutex<std::collections::HashMap<PathBuf, bool>>>,
}

impl RepoRoot {
    /// The folder `dir` (as given; messages and joins use it unchanged).
    pub fn new(dir: &Path) -> Self {
        Self {
            dir: dir.to_path_buf(),
            real: std::fs::canonicalize(dir).ok(),
            folders: std::sync::Arc::default(),
        }
    }

    /// Whether `rel` (a folder relative to the root) and every folder above it up to the root
    /// is a folder and not a symbolic link.
    fn real_folder(&self, rel: &Path) -> bool {
        if rel.as_os_str().is_empty() {
            return true;
        }
        if let Some(known) = self.folders.lock().ok().and_then(|m| m.get(rel).copied()) {
            return known;
        }
        let real = rel.parent().is_none_or(|up| self.real_folder(up))
            && std::fs::symlink_metadata(self.dir.join(rel)).is_ok_and(|m| m.is_dir());
        if let Ok(mut m) = self.folders.lock() {
            m.insert(rel.to_path_buf(), real);
        }
        real
    }

    /// `path` opened without resolving it, when that is as safe as resolving it: it lies below
    /// the root through real folders only (so it is inside the repository unless it is itself a
    /// link, which the open refuses to follow). `None` sends the caller to the resolving path.
    /// A walk over tens of thousands of files spent most of its time resolving paths.
    #[cfg(unix)]
    fn open_below(&self, path: &Path) -> Option<std::fs::File> {
        self.real.as_ref()?;
        let rel = path.strip_prefix(&self.dir).ok()?;
        if !rel
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
        {
            return None;
        }
        if !self.real_folder(rel.parent()?) {
            return None;
        }
        open_nonblocking(path).ok()
    }

    /// The folder as given.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The canonical folder, when it exists.
    pub fn real(&self) -> Option<&Path> {
        self.real.as_deref()
    }

    /// Whether the canonical path `real` lies inside this folder.
    pub fn contains(&self, real: &Path) -> bool {
        self.real.as_deref().is_some_and(|r| real.starts_with(r))
    }

    /// Reads `rel` (relative to the folder) under the rules of [`read_text`].
    pub fn read_text(&self, rel: &Path) -> Result<String, SyntaxError> {
        read_text(&self.dir.join(rel), Some(self))
    }
}

impl std::ops::Deref for RepoRoot {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.dir
    }
}

/// Reads a file's text: the rules of [`read_bytes`], and valid UTF-8.
pub fn read_text(path: &Path, root: Option<&RepoRoot>) -> Result<String, SyntaxError> {
    decode_utf8(read_bytes(path, root)?)
}

/// Reads a file's bytes: it must be a regular file (symbolic links followed; inside `root`
/// when given) of at most [`MAX_FILE_BYTES`]. It is opened without blocking and read with a
/// bounded reader, so a named pipe, a device or a file that grows while being read cannot
/// stall seam or exhaust its memory. Errors name the reason, never the content or the target
/// of a refused link.
pub fn read_bytes(path: &Path, root: Option<&RepoRoot>) -> Result<Vec<u8>, SyntaxError> {
    let (file, len) = open_checked(path, root, Some(MAX_FILE_BYTES))?;
    read_bounded(file, len)
}

/// Reads an opened regular file of `len` bytes (at opening), at most [`MAX_FILE_BYTES`].
fn read_bounded(file: std::fs::File, len: u64) -> Result<Vec<u8>, SyntaxError> {
    let mut bytes = Vec::with_capacity(usize::try_from(len.min(MAX_FILE_BYTES)).unwrap_or(0));
    std::io::Read::read_to_end(
        &mut std::io::Read::take(file, MAX_FILE_BYTES + 1),
        &mut bytes,
    )
    .map_err(|e| io_error(&e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        // It grew while being read: only the first bytes past the limit were read.
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Opens a regular file under the rules of [`read_bytes`] (inside `root` after resolving
/// symbolic links, no pipe or device, opened without blocking), refusing one over `limit`
/// bytes. Returns the file and its length at opening.
fn open_checked(
    path: &Path,
    root: Option<&RepoRoot>,
    limit: Option<u64>,
) -> Result<(std::fs::File, u64), SyntaxError> {
    #[cfg(unix)]
    if let Some(file) = root.and_then(|r| r.open_below(path)) {
        let meta = file.metadata().map_err(|e| io_error(&e))?;
        check_regular(&meta, limit)?;
        return Ok((file, meta.len()));
    }
    let link = std::fs::symlink_metadata(path).map_err(|e| io_error(&e))?;
    let is_link = link.file_type().is_symlink();
    let real = if is_link || root.is_some() {
        std::fs::canonicalize(path).map_err(|e| resolve_error(&e, is_link))?
    } else {
        path.to_path_buf()
    };
    if let Some(root) = root
        && !root.contains(&real)
    {
        return Err(if is_link {
            SyntaxError::new(0, 0, "file is a symbolic link leading outside the repository").help(
                "replace the link with a copy of the file, or point it at a file inside the repository",
            )
        } else {
            SyntaxError::new(0, 0, "file lies outside the repository (a folder on its path is a symbolic link leading out)")
                .help("keep every file seam reads inside the repository; replace linked folders with real ones")
        });
    }
    let meta = std::fs::metadata(&real).map_err(|e| resolve_error(&e, is_link))?;
    check_regular(&meta, limit)?;
    let file = open_nonblocking(&real).map_err(|e| resolve_error(&e, is_link))?;
    // The file may have been swapped between the checks above and the open.
    let meta = file.metadata().map_err(|e| io_error(&e))?;
    check_regular(&meta, limit)?;
    Ok((file, meta.len()))
}

/// Whether `path` names a file of one JSON payload per line (`.ndjson`, `.jsonl`).
pub fn is_json_lines(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("ndjson" | "jsonl")
    )
}

/// Longest line of a JSON-lines file: one payload, bounded like a whole JSON document.
pub const MAX_LINE_BYTES: u64 = MAX_FILE_BYTES;

/// A JSON-lines file (`.ndjson`, `.jsonl`) read one payload at a time: the file may be of any
/// size, each line at most [`MAX_LINE_BYTES`]; memory holds one line. Opened under the rules of
/// [`read_bytes`] except the file size limit, and read no further than the length the file had
/// when opened (a file that grows meanwhile cannot keep seam reading).
#[derive(Debug)]
pub struct JsonLines {
    reader: std::io::BufReader<std::io::Take<std::fs::File>>,
    /// 1-based number of the line last read.
    line: usize,
    buf: Vec<u8>,
    failed: bool,
}

impl JsonLines {
    /// Opens the file `rel` of `root`.
    pub fn open(root: &RepoRoot, rel: &Path) -> Result<Self, SyntaxError> {
        let (file, len) = open_checked(&root.join(rel), Some(root), None)?;
        Ok(Self {
            reader: std::io::BufReader::with_capacity(256 * 1024, std::io::Read::take(file, len)),
            line: 0,
            buf: Vec::new(),
            failed: false,
        })
    }

    /// The next line that is not blank, as its 1-based number and text (line break and a
    /// leading byte-order mark removed), or `None` at the end of the file. After an error
    /// (positioned at the line and column) the reader yields nothing more.
    pub fn next_line(&mut self) -> Option<Result<(usize, String), SyntaxError>> {
        use std::io::BufRead;
        if self.failed {
            return None;
        }
        loop {
            self.buf.clear();
            self.line += 1;
            let read = std::io::Read::take(&mut self.reader, MAX_LINE_BYTES + 1)
                .read_until(b'\n', &mut self.buf);
            let result = match read {
                Ok(0) => return None,
                Ok(_) if self.buf.len() as u64 > MAX_LINE_BYTES => Err(SyntaxError::new(
                    self.line,
                    1,
                    format!(
                        "line is longer than the limit of {MAX_LINE_BYTES} bytes ({} MiB)",
                        MAX_LINE_BYTES / 1024 / 1024
                    ),
                )
                .help("each line of a JSON-lines file holds one payload: split the file into one JSON value per line, or keep such payloads out of the contract repository")),
                Ok(_) => self.text(),
                Err(e) => Err(io_error(&e)),
            };
            match result {
                Ok(None) => {}
                Ok(Some(text)) => return Some(Ok((self.line, text))),
                Err(e) => {
                    self.failed = true;
                    return Some(Err(e));
                }
            }
        }
    }

    /// The current line's text; `None` for a blank line.
    fn text(&self) -> Result<Option<String>, SyntaxError> {
        let mut bytes: &[u8] = &self.buf;
        if let Some(rest) = bytes.strip_suffix(b"\n") {
            bytes = rest.strip_suffix(b"\r").unwrap_or(rest);
        }
        if self.line == 1 {
            bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
        }
        let text = std::str::from_utf8(bytes).map_err(|err| {
            let valid = bytes.get(..err.valid_up_to()).unwrap_or_default();
            let col = String::from_utf8_lossy(valid).chars().count() + 1;
            SyntaxError::new(self.line, col, "line is not valid UTF-8")
                .help("save the file as UTF-8 (seam reads JSON lines only in UTF-8)")
        })?;
        if text.trim_ascii().is_empty() {
            return Ok(None);
        }
        Ok(Some(text.to_owned()))
    }
}

fn too_large(len: u64) -> SyntaxError {
    SyntaxError::new(
        0,
        0,
        format!(
            "file is {len} bytes, over the limit of {MAX_FILE_BYTES} bytes ({} MiB)",
            MAX_FILE_BYTES / 1024 / 1024
        ),
    )
    .help("split the file, or keep large payloads out of the contract repository")
}

/// Refuses anything but a regular file within the size budget, naming what it is.
fn check_regular(meta: &std::fs::Metadata, limit: Option<u64>) -> Result<(), SyntaxError> {
    let kind = meta.file_type();
    if kind.is_file() {
        if limit.is_some_and(|limit| meta.len() > limit) {
            return Err(too_large(meta.len()));
        }
        return Ok(());
    }
    let what = if kind.is_dir() {
        "file is a directory, expected a regular file"
    } else {
        special_kind(kind)
    };
    Err(SyntaxError::new(0, 0, what)
        .help("seam reads regular files only; replace it with a regular JSON or YAML file"))
}

#[cfg(unix)]
fn special_kind(kind: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "file is a named pipe (FIFO), expected a regular file"
    } else if kind.is_char_device() || kind.is_block_device() {
        "file is a device, expected a regular file"
    } else if kind.is_socket() {
        "file is a socket, expected a regular file"
    } else {
        "file is not a regular file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: std::fs::FileType) -> &'static str {
    "is not a regular file"
}

/// Opens for reading without blocking: opening a named pipe otherwise waits for a writer.
#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// An error resolving a path (following its symbolic links).
fn resolve_error(err: &std::io::Error, is_link: bool) -> SyntaxError {
    if is_loop(err) {
        return SyntaxError::new(0, 0, "file is a symbolic link loop")
            .help("make the link point at a regular file, or replace it with the file");
    }
    if is_link && err.kind() == std::io::ErrorKind::NotFound {
        return SyntaxError::new(
            0,
            0,
            "file is a symbolic link to a file that does not exist",
        )
        .help("fix the link, or replace it with the file");
    }
    io_error(err)
}

#[cfg(unix)]
fn is_loop(err: &std::io::Error) -> bool {
    err.raw_os_error() == Some(libc::ELOOP)
}

#[cfg(not(unix))]
fn is_loop(_: &std::io::Error) -> bool {
    false
}

fn io_error(err: &std::io::Error) -> SyntaxError {
    if is_loop(err) {
        return SyntaxError::new(0, 0, "a folder on the file's path is a symbolic link loop")
            .help("fix the symbolic links on the path");
    }
    match err.kind() {
        std::io::ErrorKind::NotFound => SyntaxError::new(0, 0, "file not found"),
        std::io::ErrorKind::PermissionDenied => SyntaxError::new(0, 0, "permission denied")
            .help("make the file readable by the user running seam"),
        std::io::ErrorKind::NotADirectory => SyntaxError::new(
            0,
            0,
            "file not found (a part of its path is a file, not a folder)",
        ),
        _ => SyntaxError::new(0, 0, format!("cannot read file: {}", err.kind())),
    }
}

/// Decodes UTF-8, pointing at the first invalid byte.
pub fn decode_utf8(bytes: Vec<u8>) -> Result<String, SyntaxError> {
    String::from_utf8(bytes).map_err(|err| {
        let valid = err.utf8_error().valid_up_to();
        let prefix = &err.as_bytes()[..valid];
        let line = prefix.split(|b| *b == b'\n').count();
        let line_start = prefix
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |p| p + 1);
        let col = String::from_utf8_lossy(&prefix[line_start..])
            .chars()
            .count()
            + 1;
        SyntaxError::new(line, col, "file is not valid UTF-8")
            .help("save the file as UTF-8 (seam reads JSON and YAML only in UTF-8)")
    })
}

impl Document {
    /// Parses `text` as `syntax`.
    pub fn parse(
        path: impl Into<PathBuf>,
        syntax: Syntax,
        text: String,
    ) -> Result<Self, SyntaxError> {
        let path = path.into();
        match syntax {
            Syntax::Json => {
                let value = parse_json(&text)?;
                Ok(Self {
                    path,
                    syntax,
                    text,
                    value,
                    yaml: None,
                    line: None,
                })
            }
            Syntax::Yaml => {
                let node = parse_yaml(&text)?;
                let value = node.value.to_value();
                Ok(Self {
                    path,
                    syntax,
                    text,
                    value,
                    yaml: Some(node),
                    line: None,
                })
            }
        }
    }

    /// Parses line `line` (1-based) of the JSON-lines file `path`: one JSON value, positioned
    /// at that line of the file.
    pub fn parse_line(
        path: impl Into<PathBuf>,
        line: usize,
        text: String,
    ) -> Result<Self, SyntaxError> {
        let value = parse_json(&text).map_err(|mut e| {
            // A line holds no line break: the parser's line is always the first.
            e.line = line;
            if e.message.starts_with("trailing characters") {
                e.help = Some("write one JSON value per line: a payload may not span lines, and a line may not hold two".to_owned());
            }
            e
        })?;
        Ok(Self {
            path: path.into(),
            syntax: Syntax::Json,
            text,
            value,
            yaml: None,
            line: Some(line),
        })
    }

    /// For a line of a JSON-lines file, its 1-based line number.
    pub fn line_in_file(&self) -> Option<usize> {
        self.line
    }

    /// Reads and parses the file `rel` of `root` under the rules of [`read_text`], choosing the
    /// syntax by extension. `rel` is the path used in messages.
    pub fn read(root: &RepoRoot, rel: &Path) -> Result<Self, SyntaxError> {
        let text = root.read_text(rel)?;
        Self::parse(rel, Syntax::of(rel), text)
    }

    /// The 1-based (line, col) of the node at `pointer`, or of its deepest existing ancestor.
    /// With `key`, the position of the member's key rather than its value (for "unknown field").
    pub fn locate(&self, pointer: &str, key: bool) -> (usize, usize) {
        let segments: Vec<String> = split_pointer(pointer);
        let (line, col) = match &self.yaml {
            Some(node) => locate_yaml(node, &segments, key),
            None => locate_json(&self.text, &segments, key),
        };
        if let Some(at) = self.line {
            // A line of a JSON-lines file: its text is that one line.
            return (at, col.max(1));
        }
        (line, col)
    }
}

/// Splits a JSON pointer into unescaped segments.
pub fn split_pointer(pointer: &str) -> Vec<String> {
    if pointer.is_empty() {
        return Vec::new();
    }
    pointer
        .trim_start_matches('/')
        .split('/')
        .map(unescape_segment)
        .collect()
}

/// Unescapes one JSON pointer segment (`~1` is `/`, `~0` is `~`).
pub fn unescape_segment(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// Escapes one JSON pointer segment.
pub fn escape_segment(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// Marks the error a duplicate key raises inside the JSON parser.
const DUPLICATE_KEY: &str = "seam: duplicate key";

fn parse_json(text: &str) -> Result<Value, SyntaxError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str::<StrictJson>(text)
        .map(|v| v.0)
        .map_err(|err| {
            if err.to_string().starts_with(DUPLICATE_KEY) {
                return duplicate_json_key(text)
                    .unwrap_or_else(|| SyntaxError::new(err.line(), err.column(), "duplicate key"))
                    .help(
                        "remove one of the two entries (JSON parsers disagree on which one wins)",
                    );
            }
            let mut message = err.to_string();
            // serde_json appends " at line L column C"; we print the position ourselves.
            if let Some(idx) = message.rfind(" at line ") {
                message.truncate(idx);
            }
            let help = if message.contains("recursion limit") {
                "nesting is limited to 128 levels; flatten the document"
            } else {
                "fix the JSON syntax at this position (JSON allows no comments or trailing commas)"
            };
            if message.contains("recursion limit") {
                "nesting too deep (over 128 levels)".clone_into(&mut message);
            }
            SyntaxError::new(err.line(), err.column(), message).help(help)
        })
}

/// The first duplicate key of a JSON text, in the order a parser meets them: positioned at
/// its second occurrence, naming the first.
fn duplicate_json_key(text: &str) -> Option<SyntaxError> {
    use jsonc_parser::ast;
    fn walk<'a>(value: &'a ast::Value<'a>, best: &mut Option<(usize, usize, &'a str)>) {
        match value {
            ast::Value::Object(obj) => {
                let mut seen: std::collections::HashMap<&str, usize> =
                    std::collections::HashMap::new();
                for prop in &obj.properties {
                    let name = prop.name.as_str();
                    if let Some(&first) = seen.get(name) {
                        let second = prop.range.start;
                        if best.is_none_or(|(_, b, _)| second < b) {
                            *best = Some((first, second, name));
                        }
                        // Later duplicates of this object come after this one.
                        break;
                    }
                    seen.insert(name, prop.range.start);
                    walk(&prop.value, best);
                }
            }
            ast::Value::Array(arr) => arr.elements.iter().for_each(|v| walk(v, best)),
            _ => {}
        }
    }
    let parsed = jsonc_parser::parse_to_ast(
        text,
        &jsonc_parser::CollectOptions::default(),
        &jsonc_parser::ParseOptions::default(),
    )
    .ok()?;
    let mut best = None;
    walk(parsed.value.as_ref()?, &mut best);
    let (first, second, name) = best?;
    let (line, col) = line_col(text, second);
    let (first_line, first_col) = line_col(text, first);
    Some(SyntaxError::new(
        line,
        col,
        format!("duplicate key `{name}` (first at line {first_line}, column {first_col})"),
    ))
}

/// A JSON value that refuses duplicate object keys (serde_json keeps the last one silently).
struct StrictJson(Value);

impl<'de> Deserialize<'de> for StrictJson {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(StrictJsonVisitor)
            .map(StrictJson)
    }
}

struct StrictJsonVisitor;

impl<'de> Visitor<'de> for StrictJsonVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(StrictJson(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(de::Error::custom(DUPLICATE_KEY));
            }
            let StrictJson(value) = map.next_value()?;
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

/// Parses the YAML `text` straight into `T`, under the limits of [`Document::parse`] (depth,
/// size budget, strict booleans, leading-zero numbers as strings; a duplicate key is an error),
/// without positions or a document: for a reader that needs a few fields of many files. The
/// error says only that the text does not parse as `T`.
pub fn parse_yaml_into<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    let mut options = yaml_options();
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::Error;
    stacker::maybe_grow(PARSER_RED_ZONE, PARSER_STACK_BYTES, || {
        serde_saphyr::from_str_with_options::<T>(text, options)
    })
    .map_err(|e| e.without_snippet().to_string())
}

fn yaml_options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = MAX_YAML_DEPTH;
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    budget.max_recorded_anchor_events = 20_000;
    budget.max_nodes = 2_000_000;
    budget.max_events = 4_000_000;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.strict_booleans = true;
    options.with_snippet = false;
    // `010` stays the string "010" (zip codes, account numbers), never the number 10.
    options.leading_zero_numbers_as_strings = true;
    // Duplicate keys reach `NodeVisitor`, which rejects them naming both positions.
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::PassThrough;
    options
}

fn parse_yaml(text: &str) -> Result<Spanned<Node>, SyntaxError> {
    if text.trim().is_empty() {
        return Err(SyntaxError::new(1, 1, "file is empty").help("write a YAML mapping here"));
    }
    // The parser recurses per level of nesting: it runs on a stack of its own (allocated
    // here, not a thread: a repository's thousands of YAML files spawned a thread each).
    let parsed = stacker::maybe_grow(PARSER_RED_ZONE, PARSER_STACK_BYTES, || {
        serde_saphyr::from_str_with_options::<Spanned<Node>>(text, yaml_options())
    });
    parsed.map_err(|err| {
        let (line, col) = err.location().map_or((0, 0), |l| {
            (
                usize::try_from(l.line()).unwrap_or(0),
                usize::try_from(l.column()).unwrap_or(0),
            )
        });
        let mut message = err.without_snippet().to_string();
        if let Some(dup) = duplicate_yaml_key(&message) {
            return dup;
        }
        if let Some(idx) = message.find(" at line ") {
            message.truncate(idx);
        }
        let (message, help) = explain_yaml_error(&message);
        SyntaxError::new(line, col, message).help(help)
    })
}

/// The duplicate key error raised by `NodeVisitor`, with both positions.
fn duplicate_yaml_key(message: &str) -> Option<SyntaxError> {
    let rest = message.get(message.find(DUPLICATE_KEY)? + DUPLICATE_KEY.len()..)?;
    let mut parts = rest.trim_start().splitn(6, ' ');
    let mut number = || parts.next().and_then(|p| p.parse::<usize>().ok());
    let (line, col, first_line, first_col, len) =
        (number()?, number()?, number()?, number()?, number()?);
    let key = parts.next()?.get(..len)?;
    Some(
        SyntaxError::new(
            line,
            col,
            format!("duplicate key `{key}` (first at line {first_line}, column {first_col})"),
        )
        .help("remove one of the two entries"),
    )
}

fn explain_yaml_error(raw: &str) -> (String, &'static str) {
    if raw.contains("recursion limit") || raw.contains("nesting limit") {
        return (
            format!("nesting deeper than {MAX_YAML_DEPTH} levels"),
            "flatten the document; seam refuses deeper YAML to stay within bounded memory",
        );
    }
    if raw.contains("budget breached") {
        if raw.contains("Depth") {
            return (
                format!("nesting deeper than {MAX_YAML_DEPTH} levels"),
                "flatten the document; seam refuses deeper YAML to stay within bounded memory",
            );
        }
        if raw.contains("Alias") || raw.contains("Anchor") {
            return (
                "aliases expand to too many nodes (a YAML alias bomb?)".to_owned(),
                "write the values out instead of nesting aliases that reference aliases",
            );
        }
        return (
            "document is too large for seam's YAML budget".to_owned(),
            "split the document into smaller files",
        );
    }
    if let Some(rest) = raw.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest);
        return (
            format!("duplicate key `{key}`"),
            "remove one of the two entries",
        );
    }
    (first_lowercase(raw), "fix the YAML syntax at this position")
}

fn first_lowercase(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

fn loc_of<T>(s: &Spanned<T>) -> (usize, usize) {
    (
        usize::try_from(s.referenced.line()).unwrap_or(0),
        usize::try_from(s.referenced.column()).unwrap_or(0),
    )
}

fn locate_yaml(root: &Spanned<Node>, segments: &[String], key: bool) -> (usize, usize) {
    let mut node = root;
    let mut pos = loc_of(root);
    let last = segments.len().saturating_sub(1);
    for (i, seg) in segments.iter().enumerate() {
        match &node.value {
            Node::Map(entries) => match entries.iter().find(|(k, _)| &k.value == seg) {
                Some((k, v)) => {
                    if key && i == last {
                        return loc_of(k);
                    }
                    node = v;
                    pos = loc_of(v);
                }
                None => return pos,
            },
            Node::Seq(items) => match seg.parse::<usize>().ok().and_then(|i| items.get(i)) {
                Some(v) => {
                    node = v;
                    pos = loc_of(v);
                }
                None => return pos,
            },
            _ => return pos,
        }
    }
    pos
}

fn locate_json(text: &str, segments: &[String], key: bool) -> (usize, usize) {
    use jsonc_parser::ast;
    let collect = jsonc_parser::CollectOptions::default();
    let options = jsonc_parser::ParseOptions::default();
    let Ok(parsed) = jsonc_parser::parse_to_ast(text, &collect, &options) else {
        return (0, 0);
    };
    let Some(mut value) = parsed.value.as_ref() else {
        return (0, 0);
    };
    let mut offset = value_start(value);
    let last = segments.len().saturating_sub(1);
    for (i, seg) in segments.iter().enumerate() {
        match value {
            ast::Value::Object(obj) => match obj.properties.iter().find(|p| p.name.as_str() == seg)
            {
                Some(prop) => {
                    if key && i == last {
                        offset = prop.range.start;
                        break;
                    }
                    value = &prop.value;
                    offset = value_start(value);
                }
                None => break,
            },
            ast::Value::Array(arr) => {
                match seg.parse::<usize>().ok().and_then(|i| arr.elements.get(i)) {
                    Some(v) => {
                        value = v;
                        offset = value_start(v);
                    }
                    None => break,
                }
            }
            _ => break,
        }
    }
    line_col(text, offset)
}

fn value_start(value: &jsonc_parser::ast::Value<'_>) -> usize {
    use jsonc_parser::common::Ranged;
    value.range().start
}

/// The 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut start = offset;
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let prefix = &text[..start];
    let line = prefix.matches('\n').count() + 1;
    let line_start = prefix.rfind('\n').map_or(0, |p| p + 1);
    let col = prefix[line_start..].chars().count() + 1;
    (line, col)
}

/// A YAML node with positions on every value and key.
#[derive(Debug, Clone)]
enum Node {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Seq(Vec<Spanned<Node>>),
    Map(Vec<(Spanned<String>, Spanned<Node>)>),
}

impl Node {
    fn to_value(&self) -> Value {
        match self {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(*b),
            Node::Number(n) => Value::Number(n.clone()),
            Node::String(s) => Value::String(s.clone()),
            Node::Seq(items) => Value::Array(items.iter().map(|i| i.value.to_value()).collect()),
            Node::Map(entries) => {
                let mut map = Map::new();
                for (k, v) in entries {
                    map.insert(k.value.clone(), v.value.to_value());
                }
                Value::Object(map)
            }
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a YAML value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Number(v.into()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Number(v.into()))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Node, E> {
        i64::try_from(v)
            .map(Number::from)
            .or_else(|_| u64::try_from(v).map(Number::from))
            .map(Node::Number)
            .map_err(|_| E::custom(format!("integer `{v}` is out of range")))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Node, E> {
        u64::try_from(v)
            .map(|v| Node::Number(v.into()))
            .map_err(|_| E::custom(format!("integer `{v}` is out of range")))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
        Number::from_f64(v)
            .map(Node::Number)
            .ok_or_else(|| E::custom("`.inf` and `.nan` have no JSON equivalent"))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
        Ok(Node::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Node, E> {
        Ok(Node::String(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Node>>()? {
            items.push(item);
        }
        Ok(Node::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries: Vec<(Spanned<String>, Spanned<Node>)> = Vec::new();
        while let Some(key) = map.next_key::<Spanned<KeyScalar>>()? {
            let key = Spanned::new(key.value.0, key.referenced, key.defined);
            if let Some((first, _)) = entries.iter().find(|(k, _)| k.value == key.value) {
                // Both positions travel in the message; `duplicate_yaml_key` reads them back.
                let (line, col) = loc_of(&key);
                let (first_line, first_col) = loc_of(first);
                return Err(de::Error::custom(format!(
                    "{DUPLICATE_KEY} {line} {col} {first_line} {first_col} {} {}",
                    key.value.len(),
                    key.value
                )));
            }
            let value = map.next_value::<Spanned<Node>>()?;
            entries.push((key, value));
        }
        Ok(Node::Map(entries))
    }
}

/// A mapping key: any scalar, kept as its text (JSON object keys are strings).
struct KeyScalar(String);

impl<'de> Deserialize<'de> for KeyScalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = KeyScalar;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a scalar mapping key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<KeyScalar, E> {
                Ok(KeyScalar(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<KeyScalar, E> {
                Ok(KeyScalar(v))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<KeyScalar, E> {
                Ok(KeyScalar(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<KeyScalar, E> {
                Ok(KeyScalar(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<KeyScalar, E> {
                Ok(KeyScalar(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<KeyScalar, E> {
                Ok(KeyScalar(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<KeyScalar, E> {
                Ok(KeyScalar("null".to_owned()))
            }
        }
        deserializer.deserialize_any(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(bytes: &[u8]) -> Vec<Result<(usize, String), SyntaxError>> {
        let dir = tempfile::TempDir::new().expect("tempdir");
        std::fs::write(dir.path().join("t.ndjson"), bytes).expect("write");
        let root = RepoRoot::new(dir.path());
        let mut reader = JsonLines::open(&root, Path::new("t.ndjson")).expect("opens");
        std::iter::from_fn(|| reader.next_line()).collect()
    }

    #[test]
    fn json_lines_skip_blank_lines_and_strip_line_ends() {
        let got = lines_of(b"\xef\xbb\xbf{\"a\": 1}\r\n\n   \n[2]\n\"last\"");
        let got: Vec<(usize, String)> = got.into_iter().map(|r| r.expect("a line")).collect();
        assert_eq!(
            got,
            [
                (1, "{\"a\": 1}".to_owned()),
                (4, "[2]".to_owned()),
                (5, "\"last\"".to_owned())
            ]
        );
        let doc =
            Document::parse_line("t.ndjson", 4, "{\"a\": {\"b\": 1}}".to_owned()).expect("parses");
        assert_eq!(doc.locate("/a/b", false), (4, 13));
        assert_eq!(doc.line_in_file(), Some(4));
        let err =
            Document::parse_line("t.ndjson", 9, "{\"a\": 1,}".to_owned()).expect_err("not JSON");
        assert_eq!((err.line, err.col), (9, 9));
    }

    #[test]
    fn json_lines_stop_at_the_first_bad_line() {
        let got = lines_of(b"1\n\"\xff\"\n3\n");
        assert_eq!(got.len(), 2);
        let err = got[1].clone().expect_err("not UTF-8");
        assert_eq!((err.line, err.col), (2, 2));
        let mut long = b"1\n".to_vec();
        long.extend(std::iter::repeat_n(
            b' ',
            usize::try_from(MAX_LINE_BYTES).expect("fits"),
        ));
        long.extend(b"2\n3\n");
        let got = lines_of(&long);
        assert_eq!(got.len(), 2);
        let err = got[1].clone().expect_err("too long");
        assert_eq!(err.line, 2);
        assert!(
            err.message.contains("longer than the limit"),
            "{}",
            err.message
        );
    }

    #[test]
    fn json_lines_may_exceed_the_file_limit() {
        let line = format!("\"{}\"\n", "x".repeat(1 << 20));
        let count = usize::try_from(MAX_FILE_BYTES >> 20).expect("fits") + 2;
        let got = lines_of(line.repeat(count).as_bytes());
        assert_eq!(got.len(), count);
        assert!(got.iter().all(Result::is_ok));
    }

    fn yaml(text: &str) -> Result<Document, SyntaxError> {
        Document::parse("t.yaml", Syntax::Yaml, text.to_owned())
    }

    #[test]
    fn yaml_positions_of_values_and_keys() {
        let doc = yaml("a: 1\nb:\n  c: [x, y]\n  d: no\n").unwrap();
        assert_eq!(
            doc.value,
            serde_json::json!({"a": 1, "b": {"c": ["x", "y"], "d": "no"}})
        );
        assert_eq!(doc.locate("/b/c/1", false), (3, 10));
        assert_eq!(doc.locate("/b/d", true), (4, 3));
        assert_eq!(doc.locate("/b/missing", false), (3, 3));
    }

    #[test]
    fn json_positions() {
        let text = "{\n  \"a\": {\"b\": [1, 2]}\n}".to_owned();
        let doc = Document::parse("t.json", Syntax::Json, text).unwrap();
        assert_eq!(doc.locate("/a/b/1", false), (2, 18));
        assert_eq!(doc.locate("/a", true), (2, 3));
    }

    #[test]
    fn yaml_errors_have_positions() {
        let err = yaml("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(err.line > 0, "{err:?}");
        let err = yaml("a: 1\na: 2\n").unwrap_err();
        assert!(err.message.contains("duplicate"), "{err:?}");
    }

    #[test]
    fn billion_laughs_fails_fast() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            let line = format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            );
            text.push_str(&line);
        }
        let err = yaml(&text).unwrap_err();
        assert!(!err.message.is_empty());
    }

    #[test]
    fn deep_nesting_fails() {
        let text = "[".repeat(10_000) + &"]".repeat(10_000);
        assert!(yaml(&text).is_err());
        let json = Document::parse("t.json", Syntax::Json, text);
        assert!(json.unwrap_err().message.contains("nesting"));
    }

    #[test]
    fn non_utf8_points_at_byte() {
        let err = decode_utf8(b"ab\n\xffc".to_vec()).unwrap_err();
        assert_eq!((err.line, err.col), (2, 1));
    }

    #[test]
    fn json_duplicate_keys_name_both_positions() {
        let text = "{\n  \"a\": {\"x\": 1,\n   \"x\": 2},\n  \"a\": 3\n}".to_owned();
        let err = Document::parse("t.json", Syntax::Json, text).unwrap_err();
        assert_eq!((err.line, err.col), (3, 4), "{err:?}");
        assert_eq!(err.message, "duplicate key `x` (first at line 2, column 9)");
        let err = Document::parse(
            "t.json",
            Syntax::Json,
            "{\"a\":1,\"b\":2,\"a\":3}".to_owned(),
        )
        .unwrap_err();
        assert_eq!((err.line, err.col), (1, 14), "{err:?}");
        assert!(err.message.contains("first at line 1, column 2"), "{err:?}");
        // Same keys in different objects are fine.
        let ok = Document::parse("t.json", Syntax::Json, r#"[{"a":1},{"a":2}]"#.to_owned());
        assert!(ok.is_ok());
    }

    #[test]
    fn yaml_duplicate_keys_name_both_positions() {
        let err = yaml("a: 1\nb:\n  c: 1\n  c: 2\n").unwrap_err();
        assert_eq!(err.line, 4, "{err:?}");
        assert_eq!(err.message, "duplicate key `c` (first at line 3, column 3)");
        assert!(!err.message.contains("Options"), "{err:?}");
    }

    #[test]
    fn yaml_nesting_limit_is_the_documented_one() {
        let nested = |depth: usize| {
            let mut text = String::new();
            for i in 0..depth {
                text.push_str(&"  ".repeat(i));
                text.push_str("k:\n");
            }
            text.push_str(&"  ".repeat(depth));
            text.push_str("v\n");
            text
        };
        // A mapping at each of `MAX_YAML_DEPTH` levels is accepted, one more is not.
        assert!(yaml(&nested(MAX_YAML_DEPTH)).is_ok());
        let err = yaml(&nested(MAX_YAML_DEPTH + 1)).unwrap_err();
        assert_eq!(err.message, "nesting deeper than 100 levels", "{err:?}");
        let flow = format!(
            "{}1{}",
            "[".repeat(MAX_YAML_DEPTH),
            "]".repeat(MAX_YAML_DEPTH)
        );
        assert!(yaml(&flow).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn reader_refuses_what_is_not_a_regular_file_inside_the_root() {
        use std::os::unix::fs::symlink;
        let tmp = tempfile::tempdir().unwrap();
        let root_dir = tmp.path().join("repo");
        std::fs::create_dir_all(root_dir.join("d")).unwrap();
        std::fs::write(tmp.path().join("secret.json"), "\"ghp_s3cr3t\"").unwrap();
        std::fs::write(root_dir.join("ok.json"), "{}").unwrap();
        symlink("ok.json", root_dir.join("inside.json")).unwrap();
        symlink(tmp.path().join("secret.json"), root_dir.join("out.json")).unwrap();
        symlink("../secret.json", root_dir.join("up.json")).unwrap();
        symlink("/dev/zero", root_dir.join("zero.json")).unwrap();
        symlink("loop.json", root_dir.join("loop.json")).unwrap();
        symlink("missing.json", root_dir.join("dangling.json")).unwrap();
        symlink(tmp.path(), root_dir.join("linked")).unwrap();
        let fifo = std::process::Command::new("mkfifo")
            .arg(root_dir.join("fifo.json"))
            .status()
            .unwrap();
        assert!(fifo.success());
        let root = RepoRoot::new(&root_dir);
        let read = |rel: &str| root.read_text(Path::new(rel));
        assert_eq!(read("ok.json").unwrap(), "{}");
        assert_eq!(read("inside.json").unwrap(), "{}");
        let cases = [
            ("out.json", "symbolic link leading outside the repository"),
            ("up.json", "symbolic link leading outside the repository"),
            ("zero.json", "symbolic link leading outside the repository"),
            (
                "linked/secret.json",
                "a folder on its path is a symbolic link",
            ),
            ("loop.json", "symbolic link loop"),
            (
                "dangling.json",
                "symbolic link to a file that does not exist",
            ),
            ("fifo.json", "named pipe (FIFO)"),
            ("d", "directory"),
            ("none.json", "file not found"),
        ];
        for (rel, reason) in cases {
            let err = read(rel).unwrap_err();
            assert!(err.message.contains(reason), "{rel}: {err:?}");
            assert!(!err.message.contains("ghp_"), "{rel}: {err:?}");
            assert!(
                !err.message.contains(&*tmp.path().to_string_lossy()),
                "{rel}: {err:?}"
            );
        }
        // Outside a repository, devices are refused by type.
        let err = read_text(Path::new("/dev/zero"), None).unwrap_err();
        assert!(err.message.contains("device"), "{err:?}");
        let err = read_text(Path::new("/dev/null"), None).unwrap_err();
        assert!(err.message.contains("device"), "{err:?}");
    }
}
