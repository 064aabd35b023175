//! ECMA-262 `pattern`s as regex-automata DFAs: translation of the syntax, example strings,
//! and inclusion between the languages "strings containing a match" of two patterns (a product
//! walk that either proves inclusion or returns the shortest string in the difference).

#![expect(
    clippy::match_same_arms,
    reason = "one arm per ECMA-262 escape reads better"
)]

use std::cell::Cell;
use std::collections::{HashMap, VecDeque};
use std::fmt::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use regex_automata::hybrid::{self, LazyStateID};
use regex_automata::nfa::thompson;
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input};
use serde_json::Value;

/// ECMA `\s`: WhiteSpace and LineTerminator code points.
const ECMA_SPACE: &str = r"\t\n\x0B\x0C\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}";

/// Translates an ECMA-262 regular expression into `regex-syntax` syntax with the same meaning,
/// or `None` when it uses a construct the DFAs cannot express (lookaround, backreferences).
pub(crate) fn translate(ecma: &str) -> Option<String> {
    let chars: Vec<char> = ecma.chars().collect();
    let mut out = String::with_capacity(ecma.len() + 8);
    let mut i = 0;
    let mut in_class = false;
    while let Some(&c) = chars.get(i) {
        match c {
            '\\' => {
                let next = *chars.get(i + 1)?;
                i += 2;
                match next {
                    'd' => out.push_str(if in_class { "0-9" } else { "[0-9]" }),
                    'w' => out.push_str(if in_class {
                        "0-9A-Za-z_"
                    } else {
                        "[0-9A-Za-z_]"
                    }),
                    's' => {
                        if in_class {
                            out.push_str(ECMA_SPACE);
                        } else {
                            out.push('[');
                            out.push_str(ECMA_SPACE);
                            out.push(']');
                        }
                    }
                    'D' | 'W' | 'S' if in_class => return None,
                    'D' => out.push_str("[^0-9]"),
                    'W' => out.push_str("[^0-9A-Za-z_]"),
                    'S' => {
                        out.push_str("[^");
                        out.push_str(ECMA_SPACE);
                        out.push(']');
                    }
                    'b' if in_class => out.push_str(r"\x08"),
                    'b' => out.push_str(r"(?-u:\b)"),
                    'B' => out.push_str(r"(?-u:\B)"),
                    '1'..='9' => return None,
                    '0' => out.push_str(r"\x00"),
                    'u' => {
                        let hex: String = chars.get(i..i + 4)?.iter().collect();
                        if !hex.chars().all(|h| h.is_ascii_hexdigit()) {
                            return None;
                        }
                        let _ = write!(out, r"\x{{{hex}}}");
                        i += 4;
                    }
                    'x' => {
                        let hex: String = chars.get(i..i + 2)?.iter().collect();
                        let _ = write!(out, r"\x{{{hex}}}");
                        i += 2;
                    }
                    'c' => {
                        let letter = *chars.get(i)?;
                        let code = u32::from(letter) % 32;
                        let _ = write!(out, r"\x{{{code:02X}}}");
                        i += 1;
                    }
                    't' | 'n' | 'r' | 'v' | 'f' => {
                        out.push('\\');
                        out.push(next);
                    }
                    'k' | 'p' | 'P' => return None,
                    other if other.is_ascii_alphanumeric() => return None,
                    other => {
                        // An escaped punctuation character is itself.
                        push_literal(&mut out, other);
                    }
                }
                continue;
            }
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                if chars.get(i + 1) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
                if chars.get(i + 1) == Some(&']') {
                    // `[]` matches nothing, `[^]` everything.
                    let negated = out.ends_with("[^");
                    out.truncate(out.len() - if negated { 2 } else { 1 });
                    out.push_str(if negated {
                        "(?s:.)"
                    } else {
                        "[^\\x{0}-\\x{10FFFF}]"
                    });
                    in_class = false;
                    i += 2;
                    continue;
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '[' | '&' | '~' | '-' if in_class => {
                if c == '-' {
                    out.push('-');
                } else {
                    push_literal(&mut out, c);
                }
            }
            '.' if !in_class => out.push_str(r"[^\n\r\x{2028}\x{2029}]"),
            '(' if !in_class => {
                if chars.get(i + 1) == Some(&'?') {
                    match chars.get(i + 2) {
                        Some(':') => {
                            out.push_str("(?:");
                            i += 3;
                            continue;
                        }
                        Some('<') if !matches!(chars.get(i + 3), Some('=' | '!')) => {
                            out.push_str("(?P<");
                            i += 3;
                            continue;
                        }
                        _ => return None,
                    }
                }
                out.push('(');
            }
            _ => out.push(c),
        }
        i += 1;
    }
    Some(out)
}

fn push_literal(out: &mut String, c: char) {
    if c.is_ascii_punctuation() {
        out.push('\\');
    }
    out.push(c);
}

/// Size limit of one DFA (bytes); a pattern past it stays undecided.
const DFA_SIZE_LIMIT: usize = 4 << 20;

/// The language "strings that contain a match of the pattern", as an anchored lazy DFA: states
/// are built as a walk reaches them, in caches kept with the language for the next walk. (A
/// lazy DFA, not a dense one: with the `dfa-build` feature off, the validator's own regexes
/// do not build a full DFA each.)
pub(crate) struct Language {
    dfa: hybrid::dfa::DFA,
    /// Caches of finished walks, reused (states already built stay built).
    spare: Mutex<Vec<hybrid::dfa::Cache>>,
}

/// Caches kept per language.
const SPARE_CACHES: usize = 4;

/// Total bytes of the caches kept across every language of the process: a long run (a
/// service, a fuzzer) meets ever new patterns, and each kept cache may hold up to
/// [`DFA_SIZE_LIMIT`]. Past it a finished walk's cache is dropped.
const SPARE_BYTES: usize = 64 << 20;

/// Bytes the kept caches hold now.
static SPARE_HELD: AtomicUsize = AtomicUsize::new(0);

/// Which caches the steppers of one walk take, and whether a kept one filled up.
///
/// A kept cache holds the states of earlier walks besides this one's, so it can fill where a
/// fresh cache would not: answers would depend on which questions ran before (and in what order,
/// across threads). [`walk`] runs a walk again on fresh caches when that happened, so every
/// answer is the one fresh caches give; reuse only saves building states again.
struct Caches {
    reuse: bool,
    kept_filled: Cell<bool>,
}

/// Runs `run` on kept caches and, when one of them filled up, once more on fresh ones (see
/// [`Caches`]). A fresh cache holds a subset of the states a kept one would at every step, so a
/// walk on kept caches that never filled answers as a fresh walk does.
fn walk<T>(mut run: impl FnMut(&Caches) -> T) -> T {
    let kept = Caches {
        reuse: true,
        kept_filled: Cell::new(false),
    };
    let answer = run(&kept);
    if !kept.kept_filled.get() {
        return answer;
    }
    run(&Caches {
        reuse: false,
        kept_filled: Cell::new(false),
    })
}

/// One walk over a language's states. States are valid for the walk only while its cache has
/// not been cleared: past the cache's size every step answers `None` (undecided).
struct Stepper<'l> {
    lang: &'l Language,
    cache: Option<hybrid::dfa::Cache>,
    start: LazyStateID,
    /// Set when the cache, kept from an earlier walk, fills up.
    kept: Option<&'l Cell<bool>>,
}

impl<'l> Stepper<'l> {
    fn new(lang: &'l Language, caches: &'l Caches) -> Option<Self> {
        let kept = caches
            .reuse
            .then(|| lang.spare.lock().ok().and_then(|mut spare| spare.pop()))
            .flatten();
        let reused = kept.is_some();
        let mut cache = match kept {
            Some(cache) => {
                SPARE_HELD.fetch_sub(cache.memory_usage(), Ordering::Relaxed);
                cache
            }
            None => lang.dfa.create_cache(),
        };
        if cache.clear_count() > 0 {
            cache.reset(&lang.dfa);
        }
        let start = lang
            .dfa
            .start_state_forward(&mut cache, &Input::new("").anchored(Anchored::Yes))
            .ok();
        let walk = Self {
            lang,
            cache: Some(cache),
            start: start.unwrap_or_default(),
            kept: reused.then_some(&caches.kept_filled),
        };
        walk.fresh()?;
        start?;
        Some(walk)
    }

    /// `Some` while the cache has not been cleared (its states are valid); notes a kept cache
    /// that filled up.
    fn fresh(&self) -> Option<()> {
        let cleared = self.cache.as_ref().is_none_or(|c| c.clear_count() > 0);
        if cleared && let Some(flag) = self.kept {
            flag.set(true);
        }
        (!cleared).then_some(())
    }

    /// The state after `byte`, `None` when the cache overflowed (earlier states are stale).
    fn next(&mut self, state: LazyStateID, byte: u8) -> Option<LazyStateID> {
        let cache = self.cache.as_mut()?;
        let to = self.lang.dfa.next_state(cache, state, byte);
        self.fresh()?;
        let to = to.ok()?;
        (!to.is_quit() && !to.is_unknown()).then_some(to)
    }

    /// Whether the input read up to `state` contains a match.
    fn accepts_at_end(&mut self, state: LazyStateID) -> Option<bool> {
        let cache = self.cache.as_mut()?;
        let end = self.lang.dfa.next_eoi_state(cache, state);
        self.fresh()?;
        let end = end.ok()?;
        (!end.is_quit()).then_some(end.is_match())
    }
}

impl Drop for Stepper<'_> {
    fn drop(&mut self) {
        let Some(cache) = self.cache.take() else {
            return;
        };
        let size = cache.memory_usage();
        let Ok(mut spare) = self.lang.spare.lock() else {
            return;
        };
        if spare.len() < SPARE_CACHES
            && SPARE_HELD
                .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |held| {
                    held.checked_add(size).filter(|&n| n <= SPARE_BYTES)
                })
                .is_ok()
        {
            spare.push(cache);
        }
    }
}

impl Drop for Language {
    fn drop(&mut self) {
        if let Ok(spare) = self.spare.get_mut() {
            let held: usize = spare.iter().map(hybrid::dfa::Cache::memory_usage).sum();
            SPARE_HELD.fetch_sub(held, Ordering::Relaxed);
        }
    }
}

/// Built languages shared by every question of a run: the same pattern recurs across versions,
/// contracts and shared files, and building its DFA costs far more than walking it. Bounded by
/// the DFAs' total size; past it new languages are built and not kept. Building is
/// deterministic, so the cache never changes an answer.
struct Languages {
    built: HashMap<String, Option<Arc<Language>>>,
    bytes: usize,
}

/// Total DFA bytes the cache keeps.
const CACHE_BYTES: usize = 64 << 20;

fn cached(key: &str, build: impl FnOnce() -> Option<Language>) -> Option<Arc<Language>> {
    static CACHE: OnceLock<Mutex<Languages>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| {
        Mutex::new(Languages {
            built: HashMap::new(),
            bytes: 0,
        })
    });
    if let Ok(guard) = cache.lock()
        && let Some(hit) = guard.built.get(key)
    {
        return hit.clone();
    }
    // Built outside the lock: two threads may build the same language once each.
    let lang = build().map(Arc::new);
    let size = lang.as_ref().map_or(0, |l| l.dfa.memory_usage()) + key.len();
    if let Ok(mut guard) = cache.lock()
        && guard.bytes + size <= CACHE_BYTES
        && !guard.built.contains_key(key)
    {
        guard.bytes += size;
        guard.built.insert(key.to_owned(), lang.clone());
    }
    lang
}

impl Language {
    /// The language of an ECMA pattern, `None` when it cannot be expressed.
    pub(crate) fn of_pattern(ecma: &str) -> Option<Arc<Self>> {
        cached(&format!("p:{ecma}"), || {
            let translated = translate(ecma)?;
            Self::build(&format!("(?s:.)*(?:{translated})(?s:.)*"))
        })
    }

    /// All strings.
    pub(crate) fn any() -> Option<Arc<Self>> {
        // Pattern keys start with `p:`, so this key is no pattern's.
        cached("any", || Self::build("(?s:.)*"))
    }

    fn build(regex: &str) -> Option<Self> {
        let dfa = hybrid::dfa::Builder::new()
            .configure(
                hybrid::dfa::Config::new()
                    .starts_for_each_pattern(false)
                    .cache_capacity(DFA_SIZE_LIMIT),
            )
            .syntax(syntax::Config::new().unicode(true).utf8(true))
            // A pattern whose NFA alone is past the DFA budget (`(a{1000}){1000}`) fails fast
            // instead of building a million states each time it is asked about.
            .thompson(thompson::Config::new().nfa_size_limit(Some(DFA_SIZE_LIMIT)))
            .build(regex)
            .ok()?;
        Some(Self {
            dfa,
            spare: Mutex::new(Vec::new()),
        })
    }

    /// Whether `s` contains a match; `None` past the walk's budget.
    pub(crate) fn contains_match(&self, s: &str) -> Option<bool> {
        walk(|caches| {
            let mut walk = Stepper::new(self, caches)?;
            let mut state = walk.start;
            for &b in s.as_bytes() {
                state = walk.next(state, b)?;
            }
            walk.accepts_at_end(state)
        })
    }
}

/// The states reachable from the start from which some string leads to acceptance (the
/// unanchored prefix of a `^`-anchored pattern keeps a state alive that never accepts again:
/// it is not among them); `None` past `max_states` reachable states or the walk's budget.
fn live_states(
    walk: &mut Stepper<'_>,
    max_states: usize,
) -> Option<std::collections::HashSet<LazyStateID>> {
    let classes = *walk.lang.dfa.byte_classes();
    let mut reps: Vec<u8> = Vec::new();
    let mut seen_class = [false; 257];
    for b in 0..=255u8 {
        let c = usize::from(classes.get(b));
        if !seen_class[c] {
            seen_class[c] = true;
            reps.push(b);
        }
    }
    let start = walk.start;
    let mut index: HashMap<LazyStateID, usize> = HashMap::from([(start, 0)]);
    let mut states = vec![start];
    let mut back: Vec<Vec<usize>> = vec![Vec::new()];
    let mut at = 0;
    while let Some(&state) = states.get(at) {
        for &b in &reps {
            let to = walk.next(state, b)?;
            if to.is_dead() {
                continue;
            }
            let j = if let Some(&j) = index.get(&to) {
                j
            } else {
                if states.len() >= max_states {
                    return None;
                }
                index.insert(to, states.len());
                states.push(to);
                back.push(Vec::new());
                states.len() - 1
            };
            back.get_mut(j)?.push(at);
        }
        at += 1;
    }
    let mut live: Vec<bool> = Vec::with_capacity(states.len());
    for &s in &states {
        live.push(walk.accepts_at_end(s)?);
    }
    let mut stack: Vec<usize> = (0..states.len()).filter(|&i| live[i]).collect();
    while let Some(i) = stack.pop() {
        for &p in back.get(i)? {
            if !live[p] {
                live[p] = true;
                stack.push(p);
            }
        }
    }
    Some(
        states
            .iter()
            .zip(live)
            .filter_map(|(&s, l)| l.then_some(s))
            .collect(),
    )
}

/// Bytes tried first so that witnesses are readable.
fn byte_order() -> &'static [u8] {
    static ORDER: OnceLock<Vec<u8>> = OnceLock::new();
    ORDER.get_or_init(|| {
        let mut order: Vec<u8> = Vec::with_capacity(256);
        order.extend(b'a'..=b'z');
        order.extend(b'0'..=b'9');
        order.extend(b'A'..=b'Z');
        order.extend(b" -_.@:/+".iter().copied());
        let mut seen = [false; 256];
        for &b in &order {
            seen[usize::from(b)] = true;
        }
        order.extend((0..=255u8).filter(|b| !seen[usize::from(*b)]));
        order
    })
}

/// The result of comparing two languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Inclusion {
    /// Every string of the left language is in the right one.
    Proved,
    /// The shortest string in left \ right.
    Witness(String),
    /// The walk ran out of budget.
    Unknown,
}

/// Walks the product of `left` and `right` breadth-first: the shortest string `left` contains
/// and `right` does not, or a proof that there is none. `min_len` asks for strings at least
/// that long (lengths past it are not tracked, so the proof is exact only for `min_len == 0`).
pub(crate) fn difference(left: &Language, right: &Language, max_states: usize) -> Inclusion {
    walk(|caches| difference_walk(left, right, max_states, caches)).unwrap_or(Inclusion::Unknown)
}

fn difference_walk(
    left: &Language,
    right: &Language,
    max_states: usize,
    caches: &Caches,
) -> Option<Inclusion> {
    let order = byte_order();
    let (mut lw, mut rw) = (Stepper::new(left, caches)?, Stepper::new(right, caches)?);
    let mut seen: HashMap<(LazyStateID, LazyStateID), usize> = HashMap::new();
    // (left state, right state, parent index, byte)
    let mut nodes: Vec<(LazyStateID, LazyStateID, usize, u8)> = Vec::new();
    let mut queue = VecDeque::new();
    nodes.push((lw.start, rw.start, usize::MAX, 0));
    seen.insert((lw.start, rw.start), 0);
    queue.push_back(0usize);
    while let Some(index) = queue.pop_front() {
        let &(l, r, _, _) = nodes.get(index)?;
        if lw.accepts_at_end(l)? && !rw.accepts_at_end(r)? {
            let mut bytes = Vec::new();
            let mut at = index;
            while let Some(&(_, _, parent, byte)) = nodes.get(at) {
                if parent == usize::MAX {
                    break;
                }
                bytes.push(byte);
                at = parent;
            }
            bytes.reverse();
            return String::from_utf8(bytes).ok().map(Inclusion::Witness);
        }
        for &b in order {
            let nl = lw.next(l, b)?;
            if nl.is_dead() {
                continue;
            }
            let nr = rw.next(r, b)?;
            if seen.contains_key(&(nl, nr)) {
                continue;
            }
            if nodes.len() >= max_states {
                return None;
            }
            seen.insert((nl, nr), nodes.len());
            queue.push_back(nodes.len());
            nodes.push((nl, nr, index, b));
        }
    }
    Some(Inclusion::Proved)
}

/// How a walk of [`signatures`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Walk {
    /// Every combination was visited.
    Done,
    /// The visitor asked to stop.
    Stopped,
    /// The product has more than the states allowed.
    Budget,
}

/// Visits every combination of "contains a match" answers that some string gives over
/// `langs`, each once, with the shortest such string (`None` when that string is not UTF-8):
/// a breadth-first walk of the product of the DFAs, stopping when `visit` returns false. Used
/// to split property names into the classes that meet the same `patternProperties` schemas.
/// The combination where no language matches is always visited (a string that leaves every
/// DFA dead is in that class and is not walked further).
pub(crate) fn signatures(
    langs: &[&Language],
    max_states: usize,
    mut visit: impl FnMut(&[bool], Option<String>) -> bool,
) -> Walk {
    // A walk run again on fresh caches visits the same combinations in the same order: those
    // the first run visited before its kept cache filled are not visited twice.
    let mut found: std::collections::HashSet<Vec<bool>> = std::collections::HashSet::new();
    walk(|caches| signatures_walk(langs, max_states, caches, &mut found, &mut visit))
}

fn signatures_walk(
    langs: &[&Language],
    max_states: usize,
    caches: &Caches,
    found: &mut std::collections::HashSet<Vec<bool>>,
    visit: &mut impl FnMut(&[bool], Option<String>) -> bool,
) -> Walk {
    // One byte of each class the DFAs all treat alike (in the readable order): the walk needs
    // no other.
    let mut order: Vec<u8> = Vec::new();
    let mut classes: std::collections::HashSet<Vec<u8>> = std::collections::HashSet::new();
    for &b in byte_order() {
        let key: Vec<u8> = langs.iter().map(|l| l.dfa.byte_classes().get(b)).collect();
        if classes.insert(key) {
            order.push(b);
        }
    }
    let Some(mut walks) = langs
        .iter()
        .map(|l| Stepper::new(l, caches))
        .collect::<Option<Vec<Stepper<'_>>>>()
    else {
        return Walk::Budget;
    };
    let signature = |walks: &mut [Stepper<'_>], states: &[LazyStateID]| -> Option<Vec<bool>> {
        walks
            .iter_mut()
            .zip(states)
            .map(|(w, &s)| w.accepts_at_end(s))
            .collect()
    };
    let start: Vec<LazyStateID> = walks.iter().map(|w| w.start).collect();
    // (states, parent index, byte)
    let mut nodes: Vec<(Vec<LazyStateID>, usize, u8)> = vec![(start.clone(), usize::MAX, 0)];
    let mut seen: std::collections::HashSet<Vec<LazyStateID>> = std::collections::HashSet::new();
    seen.insert(start);
    let mut queue = VecDeque::from([0usize]);
    while let Some(index) = queue.pop_front() {
        let Some(states) = nodes.get(index).map(|n| n.0.clone()) else {
            return Walk::Budget;
        };
        let Some(sig) = signature(&mut walks, &states) else {
            return Walk::Budget;
        };
        if !found.contains(&sig) {
            let mut bytes = Vec::new();
            let mut at = index;
            while let Some(&(_, parent, byte)) = nodes.get(at) {
                if parent == usize::MAX {
                    break;
                }
                bytes.push(byte);
                at = parent;
            }
            bytes.reverse();
            if !visit(&sig, String::from_utf8(bytes).ok()) {
                return Walk::Stopped;
            }
            found.insert(sig);
        }
        for &b in &order {
            let Some(next) = walks
                .iter_mut()
                .zip(&states)
                .map(|(w, &s)| w.next(s, b))
                .collect::<Option<Vec<LazyStateID>>>()
            else {
                return Walk::Budget;
            };
            if next.iter().all(LazyStateID::is_dead) || seen.contains(&next) {
                continue;
            }
            if nodes.len() >= max_states {
                return Walk::Budget;
            }
            seen.insert(next.clone());
            queue.push_back(nodes.len());
            nodes.push((next, index, b));
        }
    }
    let none = vec![false; langs.len()];
    if !found.contains(&none) && !visit(&none, None) {
        return Walk::Stopped;
    }
    Walk::Done
}

/// Every string that contains a match of `ecma`, when there are at most `max` of them (an
/// anchored pattern such as `^(a|b)$`); `None` when there are more, when the walk passes
/// [`FINITE_WORK`] transitions or strings longer than [`FINITE_LENGTH`] bytes, or when the
/// pattern cannot be expressed.
pub(crate) fn finite_language(ecma: &str, max: usize) -> Option<Vec<String>> {
    let lang = Language::of_pattern(ecma)?;
    walk(|caches| finite_walk(&lang, max, caches))
}

fn finite_walk(lang: &Language, max: usize, caches: &Caches) -> Option<Vec<String>> {
    let mut walk = Stepper::new(lang, caches)?;
    let live = live_states(&mut walk, FINITE_STATES)?;
    let mut out: Vec<String> = Vec::new();
    let mut frontier: Vec<(LazyStateID, Vec<u8>)> = vec![(walk.start, Vec::new())];
    let mut work = 0usize;
    for _ in 0..=FINITE_LENGTH {
        let mut next: Vec<(LazyStateID, Vec<u8>)> = Vec::new();
        for (state, bytes) in frontier {
            if walk.accepts_at_end(state)? {
                out.push(String::from_utf8(bytes.clone()).ok()?);
                if out.len() > max {
                    return None;
                }
            }
            for b in 0..=255u8 {
                work += 1;
                if work > FINITE_WORK {
                    return None;
                }
                let to = walk.next(state, b)?;
                if !live.contains(&to) {
                    continue;
                }
                let mut longer = bytes.clone();
                longer.push(b);
                next.push((to, longer));
                if next.len() > max {
                    return None;
                }
            }
        }
        if next.is_empty() {
            return Some(out);
        }
        frontier = next;
    }
    None
}

/// Most DFA states [`live_states`] walks for [`finite_language`].
const FINITE_STATES: usize = 16_384;

/// Longest string [`finite_language`] walks to.
const FINITE_LENGTH: usize = 256;
/// Most DFA transitions [`finite_language`] takes.
const FINITE_WORK: usize = 1 << 20;

/// Whether `s` contains a match of `ecma` as the validator reads it (lookaround and
/// backreferences included); `None` when the validator cannot tell (a pattern it refuses, or
/// a match past its backtracking budget).
pub(crate) fn matches_concretely(ecma: &str, s: &str) -> Option<bool> {
    let ecma = super::ecma::respell(ecma).unwrap_or_else(|| ecma.to_owned());
    let build = |schema: Value| {
        jsonschema::options()
            .with_pattern_options(super::ecma::engine_pattern_options())
            .build(&schema)
            .ok()
    };
    let yes = build(serde_json::json!({"pattern": ecma}))?;
    let no = build(serde_json::json!({"not": {"pattern": ecma}}))?;
    let value = Value::String(s.to_owned());
    // A budget failure rejects under both readings: only an answer the two agree on counts.
    match (yes.is_valid(&value), no.is_valid(&value)) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    }
}

/// The shortest string containing a match of `ecma`.
pub(crate) fn example(ecma: &str) -> Option<String> {
    let lang = Language::of_pattern(ecma)?;
    // Pattern keys start with `p:`, so this key is no pattern's.
    let none = cached("none", || Language::build("[^\\x{0}-\\x{10FFFF}]"))?;
    match difference(&lang, &none, 20_000) {
        Inclusion::Witness(s) => Some(s),
        Inclusion::Proved | Inclusion::Unknown => None,
    }
}

/// A string of exactly `n` characters (printable ASCII) that contains a match of `ecma`, found
/// level by level over the DFA's states; `None` past the work budget or when there is none.
pub(crate) fn example_of_length(ecma: &str, n: usize) -> Option<String> {
    let lang = Language::of_pattern(ecma)?;
    walk(|caches| example_of_length_walk(&lang, n, caches))
}

fn example_of_length_walk(lang: &Language, n: usize, caches: &Caches) -> Option<String> {
    const WORK: usize = 4_000_000;
    let mut walk = Stepper::new(lang, caches)?;
    let alphabet: Vec<u8> = byte_order()
        .iter()
        .copied()
        .filter(|b| (0x20..0x7f).contains(b))
        .collect();
    // levels[k]: state -> (parent state at level k-1, byte), in discovery order.
    let mut levels: Vec<Vec<(LazyStateID, LazyStateID, u8)>> =
        vec![vec![(walk.start, walk.start, 0)]];
    let mut work = 0usize;
    for _ in 0..n {
        let prev = levels.last()?;
        let mut next: Vec<(LazyStateID, LazyStateID, u8)> = Vec::new();
        let mut seen: std::collections::HashSet<LazyStateID> = std::collections::HashSet::new();
        for &(state, _, _) in prev {
            for &b in &alphabet {
                work += 1;
                if work > WORK {
                    return None;
                }
                let to = walk.next(state, b)?;
                if to.is_dead() || !seen.insert(to) {
                    continue;
                }
                next.push((to, state, b));
            }
        }
        if next.is_empty() {
            return None;
        }
        levels.push(next);
    }
    let last = levels.last()?;
    let mut state = None;
    for &(st, _, _) in last {
        if walk.accepts_at_end(st)? {
            state = Some(st);
            break;
        }
    }
    let mut state = state?;
    let mut bytes = Vec::with_capacity(n);
    for level in levels.iter().skip(1).rev() {
        let &(_, parent, b) = level.iter().find(|(st, _, _)| *st == state)?;
        bytes.push(b);
        state = parent;
    }
    bytes.reverse();
    String::from_utf8(bytes).ok()
}

/// The shortest string with no match of `ecma`.
pub(crate) fn counter_example(ecma: &str) -> Option<String> {
    let lang = Language::of_pattern(ecma)?;
    let any = Language::any()?;
    match difference(&any, &lang, 20_000) {
        Inclusion::Witness(s) => Some(s),
        Inclusion::Proved | Inclusion::Unknown => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Strings over `a`/`b` (a fixed pseudo-random sequence) and whether each has an `a`
    /// seventeen characters before its end: the language `[ab]*a[ab]{16}`, whose DFA has a
    /// state for every window of seventeen characters, so each string builds new states.
    fn windows(count: usize, len: usize) -> Vec<(String, bool)> {
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        (0..count)
            .map(|_| {
                let s: String = (0..len)
                    .map(|_| {
                        x ^= x << 13;
                        x ^= x >> 7;
                        x ^= x << 17;
                        if x & 1 == 0 { 'a' } else { 'b' }
                    })
                    .collect();
                let has = s.as_bytes()[len - 17] == b'a';
                (s, has)
            })
            .collect()
    }

    #[test]
    fn a_cache_kept_from_earlier_walks_never_changes_an_answer() {
        // Each walk alone fits a fresh cache; together they fill a kept one, which would make
        // the later walks undecided (an answer depending on what ran before).
        let lang = Language::build("[ab]*a[ab]{16}").expect("builds");
        for (i, (s, has)) in windows(6, 12_000).iter().enumerate() {
            assert_eq!(lang.contains_match(s), Some(*has), "string {i}");
        }
    }

    #[test]
    fn the_caches_kept_across_languages_stay_within_their_budget() {
        // A language of its own each time, all alive at once, as a long run meets new patterns.
        let mut alive = Vec::new();
        for (s, has) in windows(40, 12_000) {
            let lang = Language::build("[ab]*a[ab]{16}").expect("builds");
            assert_eq!(lang.contains_match(&s), Some(has));
            alive.push(lang);
            assert!(SPARE_HELD.load(Ordering::Relaxed) <= SPARE_BYTES);
        }
        let held: usize = alive
            .iter()
            .map(|l| {
                let spare = l.spare.lock().expect("lock");
                spare
                    .iter()
                    .map(hybrid::dfa::Cache::memory_usage)
                    .sum::<usize>()
            })
            .sum();
        assert!(held > 0 && held <= SPARE_BYTES, "{held} bytes kept");
    }

    #[test]
    fn translates_ecma_classes() {
        assert_eq!(translate(r"^\d+$").as_deref(), Some("^[0-9]+$"));
        assert!(translate(r"(?=a)b").is_none());
        assert!(translate(r"(a)\1").is_none());
    }

    #[test]
    fn inclusion_and_witness() {
        let narrow = Language::of_pattern("^[a-c]+$").unwrap();
        let wide = Language::of_pattern("^[a-z]+$").unwrap();
        assert_eq!(difference(&narrow, &wide, 10_000), Inclusion::Proved);
        assert_eq!(
            difference(&wide, &narrow, 10_000),
            Inclusion::Witness("d".to_owned())
        );
    }

    #[test]
    fn signatures_of_a_product() {
        let a = Language::of_pattern("^a").unwrap();
        let b = Language::of_pattern("b$").unwrap();
        let never = Language::of_pattern("^x$").unwrap();
        let mut seen: Vec<(Vec<bool>, Option<String>)> = Vec::new();
        let walk = signatures(&[&a, &b, &never], 1_000, |s, n| {
            seen.push((s.to_vec(), n));
            true
        });
        assert_eq!(walk, Walk::Done);
        seen.sort();
        assert_eq!(
            seen,
            vec![
                (vec![false, false, false], Some(String::new())),
                (vec![false, false, true], Some("x".to_owned())),
                (vec![false, true, false], Some("b".to_owned())),
                (vec![true, false, false], Some("a".to_owned())),
                (vec![true, true, false], Some("ab".to_owned())),
            ]
        );
        // Stopping and the state budget.
        let mut n = 0;
        assert_eq!(
            signatures(&[&a, &b], 1_000, |_, _| {
                n += 1;
                n < 2
            }),
            Walk::Stopped
        );
        assert_eq!(signatures(&[&a, &b], 1, |_, _| true), Walk::Budget);
    }

    #[test]
    fn finite_languages() {
        let mut all = finite_language("^(Linux|Windows|Darwin|All)$", 100).unwrap();
        all.sort();
        assert_eq!(all, ["All", "Darwin", "Linux", "Windows"]);
        assert_eq!(finite_language("^a?$", 10).unwrap().len(), 2);
        // Unanchored, unbounded, or past the count asked for.
        assert!(finite_language("Linux", 100).is_none());
        assert!(finite_language("^a+$", 100).is_none());
        assert!(finite_language("^[ab]{4}$", 15).is_none());
        assert_eq!(finite_language("^[ab]{4}$", 16).unwrap().len(), 16);
    }

    #[test]
    fn lookaround_matched_by_the_validator() {
        assert_eq!(
            matches_concretely("^(?!python$)[a-z]+$", "python"),
            Some(false)
        );
        assert_eq!(
            matches_concretely("^(?!python$)[a-z]+$", "pythons"),
            Some(true)
        );
    }

    #[test]
    fn examples() {
        assert_eq!(example("^[0-9]{3}$").as_deref(), Some("000"));
        assert_eq!(counter_example("a").as_deref(), Some(""));
        let lang = Language::of_pattern("b").unwrap();
        assert_eq!(lang.contains_match("abc"), Some(true));
        assert_eq!(lang.contains_match("ac"), Some(false));
    }
}
