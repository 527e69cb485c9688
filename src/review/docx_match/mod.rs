//! Matching a Word document to a form description, for any form: the form's own section titles,
//! field labels, option names, help texts and `aliases` are the only knowledge used.
//!
//! Fields: a table cell whose text is a field's label (compared after NFKC with all spaces and a
//! trailing `（可填写多个）`-style remark removed, so `场 景 名 称` matches) gives the field the next
//! cell; rows under a vertically merged label add list items; `申报单位：XX` paragraphs work too.
//! Choices are read from tick glyphs before (or right after) each option name; a ticked "other"
//! option brings the words written after it (into the form's field for them, if it has one).
//! Content-control placeholder text never reaches here as text (the reader keeps it apart); where
//! it stood is reported.
//!
//! A document holding several applications (the first section's exact heading again after a run
//! of other headings, or a second table repeating the labels) is reported with where each begins,
//! so it is never checked as one.
//!
//! Sections: every paragraph that could be a section heading becomes a scored candidate (number
//! and name 100, number and a similar name 80, name alone 60, heading and answer in one
//! paragraph split at the colon; +10 bold or heading style), and the best chain whose positions
//! and section numbers both rise is kept; a candidate under 50 (a body line `应用效果：…` without
//! a number) is never taken, only reported as the near miss. A section's text is what lies
//! between its heading and the next one: body paragraphs, tables, captions; the template's
//! instruction line is left out, a 示例 left in is counted and flagged; text boxes, notes,
//! comments, deleted text and field codes are measured apart.
//!
//! Paragraph numbers (`第 N 段`) count the body's blocks from 1, a table being one block.

use std::collections::BTreeMap;

pub mod msg;

use unicode_normalization::UnicodeNormalization;

use crate::count;
use crate::docx::{Block, Document, Para, Table, VMerge, story_text};
use crate::draft::Draft;
use crate::form::{Field, Form, Kind, Section, Value};

/// Where a section was found, or where it was looked for.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum SectionStatus {
    Found {
        /// Block number of the heading.
        paragraph: usize,
        /// The heading as written (sanitise before showing).
        heading: String,
        /// The heading's name differs from the form's (`（三）应用成效`).
        renamed: bool,
        /// The answer started in the heading's own paragraph, after the colon.
        inline_answer: bool,
    },
    Missing {
        /// The detected heading before and after the gap: (section id, block number).
        after: Option<(String, usize)>,
        before: Option<(String, usize)>,
        /// The closest paragraph that was not taken, with why.
        near_miss: Option<NearMiss>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct NearMiss {
    pub paragraph: usize,
    pub text: String,
    pub reason: RejectReason,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectReason {
    /// It starts with the section's name and a colon but has no number, in another section's text.
    NoNumber,
    /// It would break the order of the sections.
    OutOfOrder,
}

/// Text measured apart from a section's count (字 in the form's counting mode).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Excluded {
    pub text_boxes: usize,
    pub footnotes: usize,
    pub endnotes: usize,
    pub comments: usize,
    pub deleted: usize,
    pub field_codes: usize,
    /// The template's instruction line left in (not counted).
    pub instruction: usize,
}

impl Excluded {
    pub fn is_empty(&self) -> bool {
        *self == Excluded::default()
    }
}

/// One form section with a heading in the document.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct SectionHit {
    pub section: String,
    /// The section's text field (its first long text), if it has one.
    pub field: Option<String>,
    #[serde(flatten)]
    pub status: SectionStatus,
    /// First and last block of the section's text (inclusive).
    pub range: Option<(usize, usize)>,
    pub excluded: Excluded,
    /// Block number of an instruction line left in (excluded from the count).
    pub instruction_line: Option<usize>,
    /// Block number of a 示例 left in (counted).
    pub example_line: Option<usize>,
    pub tables: usize,
    pub captions: usize,
}

/// One field read from a table or a `label：value` paragraph.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct FieldHit {
    pub field: String,
    pub paragraph: usize,
    /// The option names ticked, for a choice.
    pub ticked: Vec<String>,
    /// A tick was written after the name (`□物流√`), or no glyph was seen at all.
    pub mark_after: bool,
    pub no_glyphs: bool,
    /// The words written after a ticked "other" option (`☑其他（请注明）：港航服务`).
    pub other: String,
}

/// What matching found: the answers as a draft, and how each was found.
#[derive(Clone, Debug, PartialEq)]
pub struct Matched {
    pub draft: Draft,
    pub report: DocxReport,
}

/// How each answer was found in the document (what `check --structure` prints and `check
/// --format json` carries).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct DocxReport {
    pub sections: Vec<SectionHit>,
    pub fields: Vec<FieldHit>,
    /// Placeholders (`单击此处输入文字`) seen where answers belong: (block number, field id).
    pub placeholders: Vec<Placeholder>,
    pub images: usize,
    pub tracked_changes: bool,
    /// Total matching score (used to guess a document's form).
    pub score: u32,
    pub blocks: usize,
    /// The form was chosen by score, not named by the reviewer.
    pub form_guessed: bool,
    /// Where each application begins (block numbers) when the document holds more than one
    /// (two filled templates in one file); empty for one.
    pub applications: Vec<usize>,
    /// Labels found with nothing filled in after them.
    pub empty_labels: Vec<EmptyLabel>,
}

/// A field's label in the document with no answer beside it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct EmptyLabel {
    pub field: String,
    pub paragraph: usize,
}

/// Content-control placeholder text where an answer belongs.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Placeholder {
    pub paragraph: usize,
    pub field: Option<String>,
}

/// Something about how a Word document was read that a reviewer should know. Typed here;
/// `msg` words it against the form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocxNote {
    /// A section with no heading, when no finding of its field carries the explanation.
    SectionMissing(Box<SectionHit>),
    /// The form was chosen by score, not named by the reviewer.
    FormGuessed,
    /// A heading worded unlike the template's, taken as this section.
    RenamedHeading {
        section: String,
        paragraph: usize,
        heading: String,
    },
    /// The template's instruction line left in, not counted.
    InstructionExcluded { section: String, paragraph: usize },
    /// What looks like the template's 示例 left in, counted.
    ExampleLeft { section: String, paragraph: usize },
    /// A content control's placeholder text where an answer belongs.
    Placeholder {
        paragraph: usize,
        field: Option<String>,
    },
    /// A choice with no tick glyphs: the option names left are taken as chosen.
    NoTickGlyphs {
        paragraph: usize,
        ticked: Vec<String>,
    },
    /// A tick written after an option name.
    MarkAfterName { paragraph: usize },
    /// Tracked changes, counted as if accepted.
    TrackedChanges,
}

impl DocxNote {
    /// The note's code on the wire.
    pub fn code(&self) -> &'static str {
        match self {
            DocxNote::SectionMissing(_) => "docx_section_missing",
            DocxNote::FormGuessed => "docx_form_guessed",
            DocxNote::RenamedHeading { .. } => "docx_renamed_heading",
            DocxNote::InstructionExcluded { .. } => "docx_instruction_excluded",
            DocxNote::ExampleLeft { .. } => "docx_example_left",
            DocxNote::Placeholder { .. } => "docx_placeholder",
            DocxNote::NoTickGlyphs { .. } => "docx_no_tick_glyphs",
            DocxNote::MarkAfterName { .. } => "docx_mark_after_name",
            DocxNote::TrackedChanges => "docx_tracked_changes",
        }
    }
}

impl DocxReport {
    /// The notes about how the document was read (a missing section's is not among them: its
    /// field's finding, or the check, carries it).
    pub fn notes(&self) -> Vec<DocxNote> {
        let mut out = Vec::new();
        if self.form_guessed {
            out.push(DocxNote::FormGuessed);
        }
        for hit in &self.sections {
            if let SectionStatus::Found {
                paragraph,
                heading,
                renamed: true,
                ..
            } = &hit.status
            {
                out.push(DocxNote::RenamedHeading {
                    section: hit.section.clone(),
                    paragraph: *paragraph,
                    heading: heading.clone(),
                });
            }
            if let Some(paragraph) = hit.instruction_line {
                out.push(DocxNote::InstructionExcluded {
                    section: hit.section.clone(),
                    paragraph,
                });
            }
            if let Some(paragraph) = hit.example_line {
                out.push(DocxNote::ExampleLeft {
                    section: hit.section.clone(),
                    paragraph,
                });
            }
        }
        for p in &self.placeholders {
            out.push(DocxNote::Placeholder {
                paragraph: p.paragraph,
                field: p.field.clone(),
            });
        }
        for f in &self.fields {
            if f.no_glyphs {
                out.push(DocxNote::NoTickGlyphs {
                    paragraph: f.paragraph,
                    ticked: f.ticked.clone(),
                });
            } else if f.mark_after {
                out.push(DocxNote::MarkAfterName {
                    paragraph: f.paragraph,
                });
            }
        }
        if self.tracked_changes {
            out.push(DocxNote::TrackedChanges);
        }
        out
    }
}

/// NFKC, no whitespace at all, no trailing colon.
///
/// Every paragraph of every document goes through this for each form tried, so only what can
/// change goes through the normaliser: CJK unified ideographs (U+4E00–U+9FFF) are their own
/// NFKC, never combine with a neighbour and so split the text safely, and a run of ASCII between
/// them is already normal. The result equals the plain `nfkc()` (tested).
pub fn norm(s: &str) -> String {
    let is_han = |c: char| matches!(c, '\u{4E00}'..='\u{9FFF}');
    let mut n = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        // A run of ideographs, copied whole, then a run of anything else.
        let han = rest.find(|c: char| !is_han(c)).unwrap_or(rest.len());
        n.push_str(&rest[..han]);
        rest = &rest[han..];
        let other = rest.find(is_han).unwrap_or(rest.len());
        let part = &rest[..other];
        if part.is_ascii() {
            n.extend(part.chars().filter(|c| !c.is_whitespace()));
        } else {
            n.extend(part.nfkc().filter(|c| !c.is_whitespace()));
        }
        rest = &rest[other..];
    }
    let kept = n.trim_end_matches([':', '：']).len();
    n.truncate(kept);
    n
}

/// `技术产品提供单位（可填写多个）` → `技术产品提供单位`: a trailing parenthetical remark dropped.
fn strip_remark(n: &str) -> &str {
    if n.ends_with(')')
        && let Some(i) = n.rfind('(')
        && i > 0
    {
        return &n[..i];
    }
    n
}

const CHINESE_NUMS: &str = "〇一二三四五六七八九十";

fn chinese_value(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse::<u32>() {
        return Some(n);
    }
    let digits: Vec<u32> = s
        .chars()
        .map(|c| CHINESE_NUMS.chars().position(|d| d == c).map(|p| p as u32))
        .collect::<Option<_>>()?;
    match digits.as_slice() {
        [d] => Some(*d),
        [10, d] => Some(10 + d),
        [t, 10] => Some(t * 10),
        [t, 10, d] => Some(t * 10 + d),
        _ => None,
    }
}

/// A leading section number (`（一）` `(一)` `一、` `1.` `1、`), NFKC-normalised text in; the
/// number and the rest.
fn split_number(n: &str) -> (Option<u32>, &str) {
    let (bracketed, body) = match n.strip_prefix('(') {
        Some(rest) => (true, rest),
        None => (false, n),
    };
    let end = body
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || CHINESE_NUMS.contains(*c)))
        .map_or(body.len(), |(i, _)| i);
    if end == 0 || end > 9 {
        return (None, n);
    }
    let (num, rest) = body.split_at(end);
    let Some(value) = chinese_value(num) else {
        return (None, n);
    };
    if bracketed {
        if let Some(r) = rest.strip_prefix(')') {
            return (Some(value), r.trim_start_matches(['、', '.']));
        }
        return (None, n);
    }
    if let Some(r) = rest.strip_prefix(['、', '.', ')']) {
        // `1.5小时` is a number, not a heading.
        if r.starts_with(|c: char| c.is_ascii_digit()) {
            return (None, n);
        }
        return (Some(value), r);
    }
    (None, n)
}

/// `场景简介（不超过400字）` → `场景简介`: the limit remark the template prints after names.
fn strip_limit(n: &str) -> &str {
    if let Some(i) = n.rfind('(')
        && n.ends_with(')')
        && n[i..].contains('字')
    {
        return &n[..i];
    }
    n
}

/// A section title's number and name (`(一) 场景简介` → 1, `场景简介`).
fn title_parts(title: &str) -> (Option<u32>, String) {
    let n = norm(title);
    let (num, rest) = split_number(&n);
    (num, rest.to_string())
}

/// Share of `b`'s characters found in `a` (a rough likeness of two short names).
fn likeness(a: &str, b: &str) -> f32 {
    let bc: Vec<char> = b.chars().collect();
    if bc.is_empty() {
        return 0.0;
    }
    let hits = bc.iter().filter(|c| a.contains(**c)).count();
    hits as f32 / bc.len() as f32
}

/// A body block with its number.
struct Item<'a> {
    no: usize,
    block: &'a Block,
}

struct Candidate {
    item: usize,
    section: usize,
    score: u32,
    renamed: bool,
    /// Byte offset of the answer in the paragraph text, when the heading carries its answer.
    inline_at: Option<usize>,
}

const TICKED: &[char] = &['☑', '☒', '■', '√', '✓', '✔', '⊠', '▣'];
const UNTICKED: &[char] = &['□', '☐', '¨', '◻', '○'];

fn field_names(field: &Field) -> Vec<String> {
    let mut names = vec![norm(&field.label)];
    let stripped = strip_remark(&names[0]).to_string();
    if stripped != names[0] {
        names.push(stripped);
    }
    for a in &field.aliases {
        names.push(norm(a));
    }
    names
}

fn section_names(section: &Section) -> Vec<String> {
    let mut names = vec![title_parts(&section.title).1];
    for a in &section.aliases {
        names.push(title_parts(a).1);
    }
    names
}

/// Every body paragraph's [`norm`], worked out once per document: each form tried looks at the
/// same paragraphs several times (headings, section bodies, the pledge).
pub struct Normalised {
    /// Per body block: the paragraph with its numbering label (empty for a table).
    labelled: Vec<String>,
    /// Per body block: each of its paragraphs' text (a table's cells in order).
    paras: Vec<Vec<String>>,
}

impl Normalised {
    pub fn of(doc: &Document) -> Normalised {
        let labelled = doc
            .body
            .iter()
            .map(|b| match b {
                Block::Para(p) => match &p.label {
                    Some(l) => norm(&format!("{l}{}", p.text)),
                    None => norm(&p.text),
                },
                Block::Table(_) => String::new(),
            })
            .collect();
        let paras = doc
            .body
            .iter()
            .map(|b| b.paras().iter().map(|p| norm(&p.text)).collect())
            .collect();
        Normalised { labelled, paras }
    }
}

/// A form's own texts as the matcher compares them, normalised once per form (a folder of
/// documents is matched against the same forms, and a section's example runs to hundreds of
/// characters).
#[derive(Clone, Debug)]
pub struct FormTexts {
    sections: Vec<SectionTexts>,
}

#[derive(Clone, Debug)]
struct SectionTexts {
    /// The title's number (`（一）` → 1).
    number: Option<u32>,
    /// The title's name and its aliases.
    names: Vec<String>,
    /// The help texts a template leaves in (the section's and its long-text field's).
    helps: Vec<String>,
    /// The long-text field's example.
    example: String,
}

impl FormTexts {
    pub fn of(form: &Form) -> FormTexts {
        let sections = form
            .sections
            .iter()
            .map(|s| {
                let text_field = long_text_field(s);
                SectionTexts {
                    number: title_parts(&s.title).0,
                    names: section_names(s),
                    helps: s
                        .help
                        .iter()
                        .chain(text_field.and_then(|f| f.help.as_ref()))
                        .map(|h| norm(h))
                        .collect(),
                    example: text_field
                        .and_then(|f| f.example.as_deref())
                        .map(norm)
                        .unwrap_or_default(),
                }
            })
            .collect();
        FormTexts { sections }
    }
}

/// The section's narrative: its first long-text field.
fn long_text_field(section: &Section) -> Option<&Field> {
    section
        .fields
        .iter()
        .find(|f| matches!(f.kind, Kind::LongText { .. }))
}

/// Matches `doc` to `form`; `name` and `now` are the draft's name and time.
pub fn match_document(doc: &Document, form: &Form, name: &str, now: &str) -> Matched {
    let texts = FormTexts::of(form);
    match_document_hashed(
        doc,
        &Normalised::of(doc),
        form,
        &texts,
        &form.hash(),
        name,
        now,
    )
}

/// [`match_document`] with the document's normalised text and the form's hash already known
/// (a document is matched against every form, and a folder of documents against the same
/// forms; hashing a form costs as much as matching a small document).
pub fn match_document_hashed(
    doc: &Document,
    normed: &Normalised,
    form: &Form,
    texts: &FormTexts,
    form_hash: &str,
    name: &str,
    now: &str,
) -> Matched {
    let items: Vec<Item> = doc
        .body
        .iter()
        .enumerate()
        .map(|(i, block)| Item { no: i + 1, block })
        .collect();
    let mut draft = Draft::with_form_hash(form, form_hash, name, now);
    let mut fields = Vec::new();
    let mut placeholders = Vec::new();
    let mut score = 0u32;
    let mut repeated_tables: Vec<usize> = Vec::new();
    let mut empty_labels: Vec<EmptyLabel> = Vec::new();
    let mut first_table: Option<usize> = None;

    // Fields from tables and `label：value` paragraphs.
    let field_index: Vec<(&Field, Vec<String>)> = form
        .fields()
        .map(|(_, f)| f)
        .filter(|f| {
            !matches!(
                f.kind,
                Kind::LongText { .. }
                    | Kind::Attachments { .. }
                    | Kind::Note { .. }
                    | Kind::Table { .. }
            )
        })
        .map(|f| (f, field_names(f)))
        .collect();
    let find_field = |key: &str| find_field(&field_index, key);
    for item in &items {
        match item.block {
            Block::Table(t) => {
                let found = table_fields(t, &field_index);
                let again = found
                    .iter()
                    .filter(|h| draft.answers.get(&h.0.id).is_some())
                    .count();
                // A second table of the same labels: another application's, not more of this one.
                if again >= 2 && again * 2 >= found.len() {
                    repeated_tables.push(item.no);
                }
                if !found.is_empty() && first_table.is_none() {
                    first_table = Some(item.no);
                }
                let mut placeholder_fields: Vec<String> = Vec::new();
                for (field, lines, placeholder) in found {
                    if draft.answers.get(&field.id).is_some() {
                        continue;
                    }
                    let made = make_value(form, field, &lines, item.no);
                    if made.is_none() {
                        empty_labels.push(EmptyLabel {
                            field: field.id.clone(),
                            paragraph: item.no,
                        });
                    }
                    if placeholder {
                        placeholder_fields.push(placeholder_owner(form, field, made.as_ref()));
                    }
                    if let Some((value, fh)) = made {
                        set_answer(form, &mut draft, field, value, &fh);
                        score += 20;
                        fields.push(fh);
                    }
                }
                for id in &placeholder_fields {
                    placeholders.push(Placeholder {
                        paragraph: item.no,
                        field: Some(id.clone()),
                    });
                }
                // A placeholder in a cell of no field's: seen all the same.
                if placeholder_fields.is_empty()
                    && item.block.paras().iter().any(|p| p.placeholder.is_some())
                {
                    placeholders.push(Placeholder {
                        paragraph: item.no,
                        field: None,
                    });
                }
            }
            Block::Para(p) => {
                let text = p.text.trim();
                if let Some((k, v)) = text.split_once(['：', ':'])
                    && let Some(f) = find_field(&norm(k))
                    && draft.answers.get(&f.id).is_none()
                {
                    let made = (!v.trim().is_empty())
                        .then(|| make_value(form, f, &[v.trim().to_string()], item.no))
                        .flatten();
                    if made.is_none() {
                        empty_labels.push(EmptyLabel {
                            field: f.id.clone(),
                            paragraph: item.no,
                        });
                    }
                    if p.placeholder.is_some() {
                        placeholders.push(Placeholder {
                            paragraph: item.no,
                            field: Some(placeholder_owner(form, f, made.as_ref())),
                        });
                    }
                    if let Some((value, fh)) = made {
                        set_answer(form, &mut draft, f, value, &fh);
                        score += 20;
                        fields.push(fh);
                    }
                }
            }
        }
    }

    // Section headings.
    let sections: Vec<(&Section, Option<u32>, Vec<String>)> = form
        .sections
        .iter()
        .zip(&texts.sections)
        .map(|(s, t)| (s, t.number, t.names.clone()))
        .collect();
    let mut cands = Vec::new();
    let mut rejected: Vec<Candidate> = Vec::new();
    for (ii, item) in items.iter().enumerate() {
        let Block::Para(p) = item.block else {
            continue;
        };
        let full = &normed.labelled[ii];
        if full.is_empty() {
            continue;
        }
        let (num, rest) = split_number(full);
        let styled = p.bold || p.outline.is_some();
        for (si, (_, snum, names)) in sections.iter().enumerate() {
            let num_ok = num.is_some() && num == *snum;
            let Some(c) = score_candidate(full, rest, num, num_ok, names, styled) else {
                continue;
            };
            let cand = Candidate {
                item: ii,
                section: si,
                score: c.0,
                renamed: c.1,
                inline_at: c.2.map(|name_len| answer_offset(&p.text, name_len)),
            };
            if cand.score >= 50 {
                cands.push(cand);
            } else {
                rejected.push(cand);
            }
        }
    }
    let applications = applications(&cands, &items, first_table, &repeated_tables);
    let chain = best_chain(&cands);
    let chosen: BTreeMap<usize, &Candidate> = chain
        .iter()
        .map(|&c| (cands[c].section, &cands[c]))
        .collect();
    for c in chosen.values() {
        score += c.score;
    }
    // Candidates not taken are near misses of their section.
    for (i, c) in cands.iter().enumerate() {
        if !chain.contains(&i) {
            rejected.push(Candidate {
                score: c.score,
                renamed: c.renamed,
                inline_at: c.inline_at,
                item: c.item,
                section: c.section,
            });
        }
    }
    let heading_items: Vec<usize> = chosen.values().map(|c| c.item).collect();

    let opts = form.count_options();
    let mode = form.counting;
    let count = |t: &str| count::count_mode(t, mode, opts);
    let mut hits = Vec::new();
    for (si, (section, _, _)) in sections.iter().enumerate() {
        let text_field = long_text_field(section);
        let Some(c) = chosen.get(&si) else {
            if text_field.is_none() {
                continue;
            }
            let after = chosen
                .range(..si)
                .next_back()
                .map(|(s, c)| (sections[*s].0.id.clone(), items[c.item].no));
            let before = chosen
                .range(si + 1..)
                .next()
                .map(|(s, c)| (sections[*s].0.id.clone(), items[c.item].no));
            let lo = chosen.range(..si).next_back().map_or(0, |(_, c)| c.item);
            let hi = chosen
                .range(si + 1..)
                .next()
                .map_or(items.len(), |(_, c)| c.item);
            let near_miss = rejected
                .iter()
                .filter(|r| r.section == si)
                .max_by_key(|r| (r.item >= lo && r.item <= hi, r.score))
                .map(|r| NearMiss {
                    paragraph: items[r.item].no,
                    text: para_text(items[r.item].block).chars().take(40).collect(),
                    reason: if r.score < 50 {
                        RejectReason::NoNumber
                    } else {
                        RejectReason::OutOfOrder
                    },
                });
            hits.push(SectionHit {
                section: section.id.clone(),
                field: text_field.map(|f| f.id.clone()),
                status: SectionStatus::Missing {
                    after,
                    before,
                    near_miss,
                },
                range: None,
                excluded: Excluded::default(),
                instruction_line: None,
                example_line: None,
                tables: 0,
                captions: 0,
            });
            continue;
        };
        let start = c.item;
        let end = heading_items
            .iter()
            .copied()
            .filter(|i| *i > start)
            .min()
            .unwrap_or(items.len());
        let mut parts: Vec<String> = Vec::new();
        let mut excl = Excluded::default();
        let mut instruction_line = None;
        let mut example_line = None;
        let (mut tables, mut captions) = (0, 0);
        let SectionTexts { helps, example, .. } = &texts.sections[si];
        let heading_para = match items[start].block {
            Block::Para(p) => Some(p),
            _ => None,
        };
        if let (Some(p), Some(at)) = (heading_para, c.inline_at) {
            let answer = p.text[at..].trim();
            if !answer.is_empty() {
                parts.push(answer.to_string());
            }
        }
        if let Some(p) = heading_para {
            measure_apart(doc, p, &mut excl, &count);
        }
        for item in &items[start + 1..end] {
            match item.block {
                Block::Para(p) => {
                    measure_apart(doc, p, &mut excl, &count);
                    let t = p.text.trim();
                    if p.placeholder.is_some() {
                        placeholders.push(Placeholder {
                            paragraph: item.no,
                            field: text_field.map(|f| f.id.clone()),
                        });
                    }
                    if t.is_empty() {
                        continue;
                    }
                    let n = normed.paras[item.no - 1][0].as_str();
                    let n_inner = n.trim_start_matches('(').trim_end_matches(')');
                    if instruction_line.is_none() && helps.iter().any(|h| *h == n || h == n_inner) {
                        instruction_line = Some(item.no);
                        excl.instruction += count(t);
                        continue;
                    }
                    if example_line.is_none()
                        && (n.starts_with("示例")
                            || (n.chars().count() >= 20 && example.contains(n)))
                    {
                        example_line = Some(item.no);
                    }
                    if p.caption {
                        captions += 1;
                    }
                    parts.push(t.to_string());
                }
                Block::Table(t) => {
                    tables += 1;
                    for p in item.block.paras() {
                        measure_apart(doc, p, &mut excl, &count);
                    }
                    let text = table_text(t);
                    if !text.trim().is_empty() {
                        parts.push(text);
                    }
                }
            }
        }
        if let Some(f) = text_field {
            let text = parts.join("\n");
            if !text.trim().is_empty() {
                draft.answers.set(f.id.clone(), Value::Text(text));
            }
        }
        let heading = match items[start].block {
            Block::Para(p) => {
                let label = p.label.as_deref().unwrap_or("");
                let t = match c.inline_at {
                    Some(at) => p.text[..at].trim_end().to_string(),
                    None => p.text.trim().to_string(),
                };
                format!("{label}{t}")
            }
            Block::Table(_) => String::new(),
        };
        hits.push(SectionHit {
            section: section.id.clone(),
            field: text_field.map(|f| f.id.clone()),
            status: SectionStatus::Found {
                paragraph: items[start].no,
                heading,
                renamed: c.renamed,
                inline_answer: c.inline_at.is_some(),
            },
            range: (start + 1 < end).then(|| (items[start + 1].no, items[end - 1].no)),
            excluded: excl,
            instruction_line,
            example_line,
            tables,
            captions,
        });
    }
    // The template's pledge, printed in the document, is the applicant's statement.
    for (_, f) in form.fields() {
        if let Kind::Confirm { statement } = &f.kind
            && draft.answers.get(&f.id).is_none()
        {
            let s = norm(statement);
            if normed.paras.iter().flatten().any(|p| p.contains(&s)) {
                draft.answers.set(f.id.clone(), Value::Confirm(true));
            }
        }
    }
    Matched {
        draft,
        report: DocxReport {
            sections: hits,
            fields,
            placeholders,
            images: doc.images,
            tracked_changes: doc.tracked_changes,
            score,
            blocks: items.len(),
            form_guessed: false,
            applications,
            empty_labels,
        },
    }
}

/// Where each application of a document holding several begins: at each exact heading of the
/// first section found when another section's exact heading lies between two of them, or else at
/// the first table of labels and each table repeating them. Empty for a single application.
fn applications(
    cands: &[Candidate],
    items: &[Item],
    first_table: Option<usize>,
    repeated_tables: &[usize],
) -> Vec<usize> {
    let strong: Vec<&Candidate> = cands
        .iter()
        .filter(|c| c.score >= 90 && !c.renamed)
        .collect();
    if let Some(first) = strong.iter().map(|c| c.section).min() {
        let mut at: Vec<usize> = strong
            .iter()
            .filter(|c| c.section == first)
            .map(|c| c.item)
            .collect();
        at.sort_unstable();
        at.dedup();
        // Only a repeat with a whole run of other headings in between is another application.
        at.dedup_by(|later, earlier| {
            !strong
                .iter()
                .any(|c| c.section != first && c.item > *earlier && c.item < *later)
        });
        if at.len() >= 2 {
            // An application starts with its table of labels, when that comes before its
            // first heading.
            return at
                .iter()
                .enumerate()
                .map(|(k, &i)| {
                    let floor = if k == 0 { 0 } else { items[at[k - 1]].no };
                    let table = if k == 0 {
                        first_table
                    } else {
                        repeated_tables
                            .iter()
                            .copied()
                            .find(|&t| t > floor && t < items[i].no)
                    };
                    table.filter(|&t| t < items[i].no).unwrap_or(items[i].no)
                })
                .collect();
        }
    }
    match first_table {
        Some(t) if !repeated_tables.is_empty() => std::iter::once(t)
            .chain(repeated_tables.iter().copied())
            .collect(),
        _ => Vec::new(),
    }
}

/// (score, renamed, length in the normalised text of the heading part when an answer follows).
fn score_candidate(
    full: &str,
    rest: &str,
    num: Option<u32>,
    num_ok: bool,
    names: &[String],
    styled: bool,
) -> Option<(u32, bool, Option<usize>)> {
    let bonus = if styled { 10 } else { 0 };
    let rest_plain = strip_limit(rest);
    for name in names {
        if name.is_empty() {
            continue;
        }
        if rest_plain == name {
            let s = if num_ok {
                100
            } else if num.is_none() {
                60
            } else {
                40
            };
            return Some((s + bonus, false, None));
        }
        if let Some(after) = rest.strip_prefix(name.as_str()) {
            let after = strip_limit_prefix(after);
            if let Some(answer) = after.strip_prefix([':', '：']) {
                let head_len = full.len() - answer.len();
                let s = if num_ok {
                    90
                } else if num.is_none() {
                    30
                } else {
                    20
                };
                return Some((s + bonus, false, Some(head_len)));
            }
        }
    }
    // A renamed heading: the right number, a short paragraph, a name much like the form's.
    if num_ok && rest_plain.chars().count() <= 20 {
        for name in names {
            if likeness(rest_plain, name) >= 0.5 && likeness(name, rest_plain) >= 0.5 {
                return Some((80 + bonus, true, None));
            }
        }
    }
    None
}

fn strip_limit_prefix(s: &str) -> &str {
    if s.starts_with('(')
        && let Some(end) = s.find(')')
        && s[..end].contains('字')
    {
        return &s[end + 1..];
    }
    s
}

/// Where the answer starts in the raw paragraph text, given the heading's length in the
/// normalised text: the first colon after at least that many normalised characters.
fn answer_offset(text: &str, head_norm_len: usize) -> usize {
    let mut seen = 0usize;
    for (i, c) in text.char_indices() {
        let n: String = std::iter::once(c)
            .nfkc()
            .filter(|c| !c.is_whitespace())
            .collect();
        seen += n.len();
        if seen >= head_norm_len && (c == '：' || c == ':') {
            return i + c.len_utf8();
        }
    }
    text.len()
}

/// The chain of candidates with rising positions and rising sections of the highest total score.
fn best_chain(cands: &[Candidate]) -> Vec<usize> {
    let mut best: Vec<u32> = Vec::with_capacity(cands.len());
    let mut prev: Vec<usize> = Vec::with_capacity(cands.len());
    for ci in cands {
        let mut b = ci.score;
        let mut p = usize::MAX;
        for (j, cj) in cands.iter().enumerate().take(best.len()) {
            if cj.item < ci.item && cj.section < ci.section && best[j] + ci.score > b {
                b = best[j] + ci.score;
                p = j;
            }
        }
        best.push(b);
        prev.push(p);
    }
    let Some(mut at) = (0..cands.len()).max_by_key(|&i| (best[i], std::cmp::Reverse(i))) else {
        return Vec::new();
    };
    let mut chain = vec![at];
    while prev[at] != usize::MAX {
        at = prev[at];
        chain.push(at);
    }
    chain.reverse();
    chain
}

fn para_text(b: &Block) -> String {
    match b {
        Block::Para(p) => p.text.clone(),
        Block::Table(_) => String::new(),
    }
}

/// A table's text as Word counts it: cells apart (tab), rows apart (newline).
pub fn table_text(t: &Table) -> String {
    t.rows
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .map(|c| c.text().replace('\n', "\t"))
                .filter(|s| !s.trim().is_empty())
                .collect::<Vec<_>>()
                .join("\t")
        })
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn measure_apart(doc: &Document, p: &Para, excl: &mut Excluded, count: &impl Fn(&str) -> usize) {
    for tb in &p.text_boxes {
        if let Some(story) = doc.text_boxes.get(*tb) {
            excl.text_boxes += count(&story_text(story));
        }
    }
    for id in &p.footnote_refs {
        excl.footnotes += count(&doc.footnote_text(id));
    }
    for id in &p.endnote_refs {
        excl.endnotes += count(&doc.endnote_text(id));
    }
    for id in &p.comment_refs {
        excl.comments += count(&doc.comment_text(id));
    }
    excl.deleted += count(&p.deleted);
    excl.field_codes += p.field_codes.len();
}

/// The field whose label (or alias) `key` is, normalised.
fn find_field<'f>(index: &[(&'f Field, Vec<String>)], key: &str) -> Option<&'f Field> {
    if key.is_empty() {
        return None;
    }
    index
        .iter()
        .find(|(_, names)| names.iter().any(|n| n == key || strip_remark(key) == n))
        .map(|(f, _)| *f)
}

/// (field, value cell paragraphs) for every label cell of a table.
fn table_fields<'f>(
    t: &Table,
    index: &[(&'f Field, Vec<String>)],
) -> Vec<(&'f Field, Vec<String>, bool)> {
    let find = |key: &str| find_field(index, key);
    let mut out: Vec<(&Field, Vec<String>, bool)> = Vec::new();
    // The field whose label cell is vertically merged, by its column, and where its values are.
    let mut merged: Option<(usize, usize)> = None;
    for row in &t.rows {
        let cells: Vec<(String, VMerge, bool)> = row
            .cells
            .iter()
            .map(|c| {
                let placeholder = c
                    .blocks
                    .iter()
                    .flat_map(Block::paras)
                    .any(|p| p.placeholder.is_some());
                (c.text(), c.vmerge, placeholder)
            })
            .collect();
        if let Some((col, at)) = merged
            && cells.get(col).is_some_and(|c| c.1 == VMerge::Continue)
        {
            if let Some(v) = cells.get(col + 1) {
                out[at].1.extend(v.0.lines().map(str::to_string));
                out[at].2 |= v.2;
            }
            continue;
        }
        merged = None;
        let mut i = 0;
        while i < cells.len() {
            let key = norm(&cells[i].0);
            let pair = if i > 0 {
                format!("{}{}", norm(&cells[i - 1].0), key)
            } else {
                String::new()
            };
            let field = find(&key).or_else(|| find(&pair));
            if let Some(f) = field {
                if let Some(v) = cells.get(i + 1)
                    && find(&norm(&v.0)).is_none()
                {
                    out.push((f, v.0.lines().map(str::to_string).collect(), v.2));
                    if cells[i].1 == VMerge::Restart {
                        merged = Some((i, out.len() - 1));
                    }
                    i += 2;
                    continue;
                }
            } else if let Some((k, v)) = cells[i].0.split_once(['：', ':'])
                && let Some(f) = find(&norm(k))
                && !v.trim().is_empty()
            {
                out.push((f, vec![v.trim().to_string()], cells[i].2));
            }
            i += 1;
        }
    }
    out
}

/// The field a placeholder beside `field`'s answer stands for: the words of a ticked "other"
/// option left empty (the form's field for them, if it has one), else `field` itself.
fn placeholder_owner(form: &Form, field: &Field, made: Option<&(Value, FieldHit)>) -> String {
    if let (Kind::Choice { other: Some(o), .. }, Some((_, hit))) = (&field.kind, made)
        && hit.ticked.contains(o)
        && hit.other.is_empty()
    {
        return form
            .other_field(&field.id)
            .map_or(field.id.clone(), |f| f.id.clone());
    }
    field.id.clone()
}

/// Sets `field`'s answer; a ticked "other" option's words go to the form's field for them, when
/// it has one that the document does not fill in on its own.
fn set_answer(form: &Form, draft: &mut Draft, field: &Field, value: Value, hit: &FieldHit) {
    draft.answers.set(field.id.clone(), value);
    if hit.other.is_empty() {
        return;
    }
    if let Some(of) = form.other_field(&field.id)
        && draft.answers.get(&of.id).is_none()
    {
        draft
            .answers
            .set(of.id.clone(), Value::Text(hit.other.clone()));
    }
}

/// The answer for `field` from the lines of its value cell.
fn make_value(
    form: &Form,
    field: &Field,
    lines: &[String],
    no: usize,
) -> Option<(Value, FieldHit)> {
    let lines: Vec<String> = lines
        .iter()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    let mut hit = FieldHit {
        field: field.id.clone(),
        paragraph: no,
        ticked: Vec::new(),
        mark_after: false,
        no_glyphs: false,
        other: String::new(),
    };
    let joined = lines.join(" ");
    let value = match &field.kind {
        Kind::List { .. } => {
            if lines.is_empty() {
                return None;
            }
            Value::List(lines)
        }
        Kind::Choice { options, other, .. } => {
            let (ticked, after, none) = read_ticks(&joined, options);
            let words = other
                .as_ref()
                .filter(|o| ticked.contains(o))
                .map(|o| other_words(&joined, o))
                .unwrap_or_default();
            hit.ticked = ticked.clone();
            hit.mark_after = after;
            hit.no_glyphs = none;
            hit.other = words.clone();
            // A form that asks for the words in a field of their own gets them there.
            let own_field = form.other_field(&field.id).is_some();
            Value::Choice {
                selected: ticked,
                other: if own_field { String::new() } else { words },
            }
        }
        Kind::Date => Value::Date(iso_date(&joined).unwrap_or(joined)),
        Kind::Confirm { .. } => return None,
        _ => {
            if joined.is_empty() {
                return None;
            }
            Value::Text(joined)
        }
    };
    Some((value, hit))
}

/// What an applicant wrote after the ticked option `other` (`☑其他（请注明）：港航服务`,
/// `☑其他（港航服务）`, `☑其他：____港航服务____`): up to the next tick box, with the template's
/// `（请注明）` prompt, colons and fill-in underscores left out.
fn other_words(text: &str, other: &str) -> String {
    let mut tail = None;
    for (at, _) in text.match_indices(other) {
        let before = text[..at].chars().rev().find(|c| !c.is_whitespace());
        let rest = &text[at + other.len()..];
        let ticked_before = before.is_some_and(|c| TICKED.contains(&c));
        let ticked_after = rest.trim_start().starts_with(['√', '✓', '✔']);
        if ticked_before || ticked_after || tail.is_none() {
            tail = Some(rest);
            if ticked_before || ticked_after {
                break;
            }
        }
    }
    let Some(tail) = tail else {
        return String::new();
    };
    let tail = tail.trim_start().trim_start_matches(['√', '✓', '✔']);
    let end = tail
        .find(|c| TICKED.contains(&c) || UNTICKED.contains(&c))
        .unwrap_or(tail.len());
    let mut t = tail[..end].trim();
    const PROMPTS: [&str; 4] = ["请注明", "请说明", "请填写", "注明"];
    let blank = |c: char| c.is_whitespace() || matches!(c, '_' | '＿' | '…' | '.');
    if let Some(open) = t.strip_prefix(['（', '(']) {
        let close = open.find(['）', ')']).unwrap_or(open.len());
        let inner = open[..close].trim();
        let after = open[close..].trim_start_matches(['）', ')']);
        match PROMPTS.iter().find_map(|p| inner.strip_prefix(p)) {
            Some(asked) => {
                let asked = asked.trim_start_matches([':', '：']).trim_matches(blank);
                t = if asked.is_empty() { after } else { asked };
            }
            None if !inner.trim_matches(blank).is_empty() => t = inner,
            None => t = after,
        }
    }
    t.trim_start_matches(|c: char| blank(c) || c == ':' || c == '：')
        .trim_end_matches(blank)
        .to_string()
}

/// The options ticked in a cell's text, in the form's order; whether a tick came after a name;
/// whether there was no glyph at all (then the names left in the cell are taken as chosen).
pub fn read_ticks(text: &str, options: &[String]) -> (Vec<String>, bool, bool) {
    let has_glyphs = text
        .chars()
        .any(|c| TICKED.contains(&c) || UNTICKED.contains(&c));
    let mut ticked = Vec::new();
    let mut after = false;
    for opt in options {
        let mut found = false;
        for (at, _) in text.match_indices(opt.as_str()) {
            if !has_glyphs {
                found = true;
                break;
            }
            let before = text[..at].chars().rev().find(|c| !c.is_whitespace());
            let next = text[at + opt.len()..].chars().find(|c| !c.is_whitespace());
            if before.is_some_and(|c| TICKED.contains(&c)) {
                found = true;
                break;
            }
            if next.is_some_and(|c| matches!(c, '√' | '✓' | '✔')) {
                found = true;
                after = true;
                break;
            }
        }
        if found {
            ticked.push(opt.clone());
        }
    }
    let none = !has_glyphs && !ticked.is_empty();
    (ticked, after, none)
}

/// `2022年8月10日`, `2022.8.10`, `2022/08/10` → `2022-08-10`.
fn iso_date(s: &str) -> Option<String> {
    let nums: Vec<u32> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.parse().ok())
        .collect();
    match nums.as_slice() {
        [y, m, d] if *y >= 1900 && (1..=12).contains(m) && (1..=31).contains(d) => {
            Some(format!("{y:04}-{m:02}-{d:02}"))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The fast path (ideographs and ASCII passed through) gives what plain NFKC gives, on
        /// text mixing ideographs with full-width forms, combining marks, compatibility
        /// ideographs, Hangul jamo and spaces of every kind.
        #[test]
        fn norm_is_nfkc_without_spaces_or_a_trailing_colon(
            parts in proptest::collection::vec(prop_oneof![
                Just("场景"), Just("（一）"), Just("："), Just(":"), Just("e"), Just("\u{301}"),
                Just("\u{F900}"), Just("\u{1100}"), Just("\u{1161}"), Just("\u{3000}"),
                Just(" \t"), Just("Ａ１"), Just("㍿"), Just("ﬁ"), Just("\u{4E00}\u{301}"),
                Just("\u{9FFF}"), Just("\u{A000}"), Just("\u{B}x"), Just("\u{85}"), Just("①"), Just("ｶﾞ"), Just("\u{2F00}"),
            ], 0..12)
        ) {
            let s: String = parts.concat();
            let plain: String = s.nfkc().filter(|c| !c.is_whitespace()).collect();
            prop_assert_eq!(norm(&s), plain.trim_end_matches([':', '：']));
        }
    }

    #[test]
    fn headings_numbers_are_read_in_every_width() {
        for (t, want) in [
            ("(一)场景简介", Some(1)),
            ("(三)应用效果", Some(3)),
            ("一、基本情况", Some(1)),
            ("1.场景简介", Some(1)),
            ("1.5小时", None),
            ("十二、其他", Some(12)),
            ("场景简介", None),
        ] {
            assert_eq!(split_number(&norm(t)).0, want, "{t}");
        }
        assert_eq!(
            norm("（一）\t场 景　简介（不超过400字）："),
            "(一)场景简介(不超过400字)"
        );
        assert_eq!(strip_limit("场景简介(不超过400字)"), "场景简介");
    }

    #[test]
    fn ticks_before_or_after_a_name() {
        let opts: Vec<String> = ["制造", "农业", "物流", "金融"].map(String::from).to_vec();
        let (t, after, none) = read_ticks("☑制造 □农业 □物流√ ■金融", &opts);
        assert_eq!(t, ["制造", "物流", "金融"]);
        assert!(after && !none);
        let (t, after, _) = read_ticks("✓制造 ☐农业 ☒物流 ¨金融", &opts);
        assert_eq!(t, ["制造", "物流"]);
        assert!(!after);
        let (t, _, none) = read_ticks("制造 金融", &opts);
        assert_eq!(t, ["制造", "金融"]);
        assert!(none);
    }

    #[test]
    fn the_words_after_a_ticked_other_option() {
        for (cell, want) in [
            ("☑制造 ☑其他（请注明）：港航服务", "港航服务"),
            ("□制造 ☑其他(请注明:港航服务) □农业", "港航服务"),
            ("☑其他（港航服务）", "港航服务"),
            ("☑其他：____港航服务____　□金融", "港航服务"),
            ("☑其他 港航服务", "港航服务"),
            ("□其他√：港航服务", "港航服务"),
            ("☑其他（请注明）：______", ""),
            ("☑其他（请注明）", ""),
            ("☑其他", ""),
        ] {
            assert_eq!(other_words(cell, "其他"), want, "{cell}");
        }
    }

    #[test]
    fn dates_become_iso() {
        assert_eq!(iso_date("2022年8月10日").as_deref(), Some("2022-08-10"));
        assert_eq!(iso_date("2022-08-10").as_deref(), Some("2022-08-10"));
        assert_eq!(iso_date("八月"), None);
    }
}
