//! Words for what matching a Word document found: where a missing section was looked for and
//! how to fix it in Word, notes on renamed headings, instruction lines, 示例, placeholders and
//! the text measured apart, and the `check --structure` listing. Chinese first. Text from the
//! document passes through `sanitize::for_terminal`.

use super::{DocxNote, DocxReport, Excluded, RejectReason, SectionHit, SectionStatus};
use crate::form::{Form, Kind};
use crate::lang::Lang;
use crate::sanitize::for_terminal;

fn title_of<'a>(form: &'a Form, section: &'a str) -> &'a str {
    form.sections
        .iter()
        .find(|s| s.id == section)
        .map_or(section, |s| s.title.as_str())
}

/// The form's title written the way a Word heading should be: `（三）应用效果`.
pub fn word_heading(title: &str) -> String {
    let t = title.replace('(', "（").replace(')', "）");
    t.replace("） ", "）")
}

fn limit_of(form: &Form, hit: &SectionHit) -> Option<usize> {
    let f = form.field(hit.field.as_deref()?)?;
    form.limit_of(f).map(|(l, _)| l)
}

/// The message for a section that has no heading in the document: the section, where it was
/// looked for, the near miss and why it was not taken, what that does to the counts, and how to
/// fix it in Word.
pub fn missing_section(lang: Lang, form: &Form, hit: &SectionHit) -> Option<String> {
    let SectionStatus::Missing {
        after,
        before,
        near_miss,
    } = &hit.status
    else {
        return None;
    };
    let title = title_of(form, &hit.section);
    let want = word_heading(title);
    let zh = lang == Lang::Zh;
    let limit = limit_of(form, hit)
        .map(|l| {
            if zh {
                format!("（不超过 {l} 字）")
            } else {
                format!(" (at most {l})")
            }
        })
        .unwrap_or_default();
    let place = |s: &Option<(String, usize)>| {
        s.as_ref().map(|(id, no)| {
            let t = word_heading(title_of(form, id));
            if zh {
                format!("「{t}」（第 {no} 段）")
            } else {
                format!("“{t}” (paragraph {no})")
            }
        })
    };
    let mut out = if zh {
        format!("找不到{want}{limit}：")
    } else {
        format!("cannot find {want}{limit}:")
    };
    out.push('\n');
    match (place(after), place(before)) {
        (Some(a), Some(b)) => out.push_str(&if zh {
            format!("在{a}与{b}之间没有单独成段的“{want}”。")
        } else {
            format!("between {a} and {b} there is no paragraph “{want}” of its own. ")
        }),
        (Some(a), None) => out.push_str(&if zh {
            format!("在{a}之后没有单独成段的“{want}”。")
        } else {
            format!("after {a} there is no paragraph “{want}” of its own. ")
        }),
        (None, Some(b)) => out.push_str(&if zh {
            format!("在{b}之前没有单独成段的“{want}”。")
        } else {
            format!("before {b} there is no paragraph “{want}” of its own. ")
        }),
        (None, None) => out.push_str(&if zh {
            format!("全文没有单独成段的“{want}”。")
        } else {
            format!("no paragraph “{want}” of its own anywhere. ")
        }),
    }
    if let Some(n) = near_miss {
        out.push('\n');
        let text = for_terminal(&n.text);
        let why = match (n.reason, zh) {
            (RejectReason::NoNumber, true) => "它没有编号，且在其他部分的正文中间",
            (RejectReason::NoNumber, false) => {
                "it has no number and sits inside another section's text"
            }
            (RejectReason::OutOfOrder, true) => "它的位置与各部分的顺序不符",
            (RejectReason::OutOfOrder, false) => "it is out of the sections' order",
        };
        out.push_str(&if zh {
            format!("第 {} 段「{text}」像标题，但{why}，未采用。", n.paragraph)
        } else {
            format!(
                "Paragraph {} “{text}” looks like the heading, but {why}; not taken. ",
                n.paragraph
            )
        });
    }
    if let Some((id, _)) = after {
        out.push('\n');
        let t = word_heading(title_of(form, id));
        out.push_str(&if zh {
            format!("因此这部分文字计入了{t}，{t}的字数可能偏大。")
        } else {
            format!("So this text was counted in {t}, whose count may be too high. ")
        });
    }
    out.push('\n');
    out.push_str(&if zh {
        format!("请在 Word 中把标题改成单独一段“{want}”后重新检查。")
    } else {
        format!("In Word, make the heading a paragraph of its own, “{want}”, and check again.")
    });
    Some(out)
}

/// The text measured apart from a count, as a remark beside it (`另有文本框 22 字、脚注 21 字未计入`).
pub fn excluded_remark(lang: Lang, e: &Excluded) -> Option<String> {
    let zh = lang == Lang::Zh;
    let items: [(usize, &str, &str); 6] = [
        (e.text_boxes, "文本框", "text boxes"),
        (e.footnotes, "脚注", "footnotes"),
        (e.endnotes, "尾注", "endnotes"),
        (e.comments, "批注", "comments"),
        (e.deleted, "已删除的修订", "deleted revisions"),
        (e.instruction, "模板说明", "the template's instruction"),
    ];
    let parts: Vec<String> = items
        .into_iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, z, en)| {
            if zh {
                format!("{z} {n} 字")
            } else {
                format!("{en} {n}")
            }
        })
        .collect();
    if parts.is_empty() {
        return None;
    }
    Some(if zh {
        format!("另有{}未计入", parts.join("、"))
    } else {
        format!("not counted: {}", parts.join(", "))
    })
}

impl DocxNote {
    /// The note in words, safe for a terminal; `form` is the form the document was matched to.
    pub fn describe(&self, lang: Lang, form: &Form) -> String {
        let zh = lang == Lang::Zh;
        let title = |section: &str| word_heading(title_of(form, section));
        match self {
            DocxNote::SectionMissing(hit) => missing_section(lang, form, hit).unwrap_or_default(),
            DocxNote::FormGuessed => {
                if zh {
                    format!("按文档内容判断为表单 {}（{}）", form.id, form.title)
                } else {
                    format!("form told from the content: {} ({})", form.id, form.title)
                }
            }
            DocxNote::RenamedHeading {
                section,
                paragraph,
                heading,
            } => {
                let (title, h) = (title(section), for_terminal(heading));
                if zh {
                    format!("第 {paragraph} 段「{h}」按{title}处理（标题与模板不同，请核对）")
                } else {
                    format!(
                        "paragraph {paragraph} “{h}” taken as {title} (the heading differs from the template's; please check)"
                    )
                }
            }
            DocxNote::InstructionExcluded { section, paragraph } => {
                let title = title(section);
                if zh {
                    format!("{title}：第 {paragraph} 段是模板的填写说明，未计入字数")
                } else {
                    format!(
                        "{title}: paragraph {paragraph} is the template's instruction and is not counted"
                    )
                }
            }
            DocxNote::ExampleLeft { section, paragraph } => {
                let title = title(section);
                if zh {
                    format!(
                        "{title}：第 {paragraph} 段像是模板的示例，已计入字数（Word 也计入），请确认是否应删除"
                    )
                } else {
                    format!(
                        "{title}: paragraph {paragraph} looks like the template's 示例; it is counted (Word counts it): should it be deleted?"
                    )
                }
            }
            DocxNote::Placeholder { paragraph, field } => {
                let label = field
                    .as_deref()
                    .and_then(|f| form.field(f))
                    .map(|f| f.label.as_str());
                match (label, zh) {
                    (Some(l), true) => {
                        format!("第 {paragraph} 段（{l}）有内容控件的提示文字，提示文字不算作回答")
                    }
                    (None, true) => {
                        format!("第 {paragraph} 段有内容控件的提示文字，提示文字不算作回答")
                    }
                    (Some(l), false) => format!(
                        "paragraph {paragraph} ({l}) holds a content control's placeholder text, which is not an answer"
                    ),
                    (None, false) => format!(
                        "paragraph {paragraph} holds a content control's placeholder text, which is not an answer"
                    ),
                }
            }
            DocxNote::NoTickGlyphs { paragraph, ticked } => {
                if zh {
                    format!(
                        "第 {paragraph} 段没有勾选符号，按留下的选项名称处理：{}",
                        for_terminal(&ticked.join("、"))
                    )
                } else {
                    format!(
                        "paragraph {paragraph} has no tick marks; the option names left there are taken as chosen: {}",
                        for_terminal(&ticked.join(", "))
                    )
                }
            }
            DocxNote::MarkAfterName { paragraph } => {
                if zh {
                    format!("第 {paragraph} 段有写在选项名称之后的勾，已按勾选处理")
                } else {
                    format!(
                        "paragraph {paragraph} has a tick written after an option name; taken as ticked"
                    )
                }
            }
            DocxNote::TrackedChanges => lang
                .pick(
                    "文档含未接受的修订：按接受全部修订后的文字计数",
                    "the document has tracked changes: counted as if all were accepted",
                )
                .to_string(),
        }
    }
}

/// The `check --structure` listing: every section and field with paragraph numbers, ticked
/// options, and the parts measured apart.
pub fn structure(lang: Lang, form: &Form, r: &DocxReport, counts: &[(String, usize)]) -> String {
    let zh = lang == Lang::Zh;
    let mut out = String::new();
    out.push_str(&if zh {
        format!(
            "表单 {}（{}），共 {} 段，图片 {} 张\n",
            form.id, form.title, r.blocks, r.images
        )
    } else {
        format!(
            "form {} ({}), {} paragraphs, {} images\n",
            form.id, form.title, r.blocks, r.images
        )
    });
    out.push_str(lang.pick("字段：\n", "fields:\n"));
    for f in &r.fields {
        let label = form
            .field(&f.field)
            .map_or(f.field.as_str(), |x| x.label.as_str());
        let ticks = if let Some(Kind::Choice { other, .. }) = form.field(&f.field).map(|x| &x.kind)
        {
            // The other option shows the words written after it: `其他（港航服务）`.
            let names: Vec<String> = f
                .ticked
                .iter()
                .map(|t| match other {
                    Some(o) if o == t && !f.other.is_empty() => {
                        if zh {
                            format!("{t}（{}）", f.other)
                        } else {
                            format!("{t} ({})", f.other)
                        }
                    }
                    _ => t.clone(),
                })
                .collect();
            if zh {
                format!("  勾选：{}", for_terminal(&names.join("、")))
            } else {
                format!("  ticked: {}", for_terminal(&names.join(", ")))
            }
        } else {
            String::new()
        };
        out.push_str(&if zh {
            format!("  第 {:>3} 段  {label}{ticks}\n", f.paragraph)
        } else {
            format!("  para {:>3}  {label}{ticks}\n", f.paragraph)
        });
    }
    out.push_str(lang.pick("部分：\n", "sections:\n"));
    for hit in &r.sections {
        let title = title_of(form, &hit.section);
        let count = hit
            .field
            .as_ref()
            .and_then(|f| counts.iter().find(|(id, _)| id == f))
            .map(|(_, n)| *n);
        match &hit.status {
            SectionStatus::Found {
                paragraph,
                heading,
                renamed,
                inline_answer,
            } => {
                let range = hit
                    .range
                    .map(|(a, b)| {
                        if zh {
                            format!("正文第 {a}–{b} 段")
                        } else {
                            format!("text paras {a}–{b}")
                        }
                    })
                    .unwrap_or_else(|| lang.pick("无正文", "no text").to_string());
                let mut line = if zh {
                    format!(
                        "  第 {paragraph:>3} 段  {title}  标题「{}」  {range}",
                        for_terminal(heading)
                    )
                } else {
                    format!(
                        "  para {paragraph:>3}  {title}  heading “{}”  {range}",
                        for_terminal(heading)
                    )
                };
                if let Some(n) = count {
                    line.push_str(&if zh {
                        format!("  {n} 字")
                    } else {
                        format!("  {n}")
                    });
                }
                if hit.tables > 0 || hit.captions > 0 {
                    line.push_str(&if zh {
                        format!("（含表格 {}、题注 {}）", hit.tables, hit.captions)
                    } else {
                        format!(" (incl. {} tables, {} captions)", hit.tables, hit.captions)
                    });
                }
                if *renamed {
                    line.push_str(lang.pick("  [标题已改名]", "  [renamed]"));
                }
                if *inline_answer {
                    line.push_str(lang.pick(
                        "  [标题与正文同段]",
                        "  [heading and text in one paragraph]",
                    ));
                }
                if let Some(r) = excluded_remark(lang, &hit.excluded) {
                    line.push_str(&format!("  {r}"));
                }
                out.push_str(&line);
                out.push('\n');
            }
            SectionStatus::Missing { .. } => {
                out.push_str(&if zh {
                    format!("  未找到  {title}\n")
                } else {
                    format!("  missing  {title}\n")
                });
            }
        }
    }
    out
}

/// Why a .docx matched no form at all.
pub fn no_form(lang: Lang) -> String {
    lang.pick(
        "无法判断这份 Word 文档对应哪个表单（没有找到任何表单的标题或栏目），请用 --form 指定",
        "cannot tell which form this Word document is (no form's headings or labels were found); name it with --form",
    )
    .to_string()
}

/// Where a required field with no answer was looked for in the document: its label found
/// with nothing after it, a ticked "other" option without its words, or no such label at all.
/// `None` when a note already says why (a placeholder stood there) or the field is a section's
/// text (the missing section's message says where).
pub fn missing_field(lang: Lang, form: &Form, r: &DocxReport, field: &str) -> Option<String> {
    let f = form.field(field)?;
    if matches!(
        f.kind,
        Kind::LongText { .. } | Kind::Attachments { .. } | Kind::Table { .. } | Kind::Note { .. }
    ) || r
        .placeholders
        .iter()
        .any(|p| p.field.as_deref() == Some(field))
    {
        return None;
    }
    let zh = lang == Lang::Zh;
    // A pledge is read from its printed statement, wherever it stands.
    if let Kind::Confirm { statement } = &f.kind {
        let st = for_terminal(statement);
        return Some(if zh {
            format!("文档中没有承诺原文“{st}”。")
        } else {
            format!("the document does not hold the statement “{st}”.")
        });
    }
    let label = for_terminal(&f.label);
    if let Some(e) = r.empty_labels.iter().find(|e| e.field == field) {
        return Some(if zh {
            format!("第 {} 段有“{label}”一栏，但没有填写。", e.paragraph)
        } else {
            format!(
                "paragraph {} has the “{label}” label with nothing filled in.",
                e.paragraph
            )
        });
    }
    let ticked_other = f.visible_when.as_ref().and_then(|c| {
        r.fields
            .iter()
            .find(|h| h.field == c.field && h.ticked.contains(&c.equals))
            .map(|h| (h.paragraph, c.equals.clone()))
    });
    if let Some((paragraph, other)) = ticked_other {
        let other = for_terminal(&other);
        return Some(if zh {
            format!("第 {paragraph} 段勾选了“{other}”，但后面没有注明。")
        } else {
            format!("paragraph {paragraph} ticks “{other}” but says nothing after it.")
        });
    }
    Some(if zh {
        format!("文档的表格和段落中都没有“{label}”这一栏。")
    } else {
        format!("no table cell or paragraph of the document is labelled “{label}”.")
    })
}

/// Why a document holding several applications is not checked as one.
pub fn several_applications(lang: Lang, starts: &[usize]) -> String {
    let n = starts.len();
    if lang == Lang::Zh {
        let at: Vec<String> = starts.iter().map(|s| format!("第 {s} 段")).collect();
        format!(
            "这个文件里有 {n} 份申报书（分别从{}起），合在一起检查会把它们的内容混在一起；请在 Word 中把每份申报书另存为单独的 .docx 文件，再分别检查",
            at.join("、")
        )
    } else {
        let at: Vec<String> = starts.iter().map(|s| s.to_string()).collect();
        format!(
            "this file holds {n} applications (starting at paragraphs {}); checked as one their answers would be mixed: save each application as a .docx file of its own in Word, then check them one by one",
            at.join(", ")
        )
    }
}

/// A report's heading for a Word document; `path`, `id` and `version` already sanitised.
pub fn file_heading(lang: Lang, path: &str, id: &str, version: &str) -> String {
    if lang == Lang::Zh {
        format!("{path}（Word 文档，{id} {version}）")
    } else {
        format!("{path} (Word document, {id} {version})")
    }
}

/// `FILE: why`, the path made safe.
pub fn file_error(lang: Lang, path: &std::path::Path, why: &str) -> String {
    let p = for_terminal(&path.to_string_lossy());
    if lang == Lang::Zh {
        format!("{p}：{why}")
    } else {
        format!("{p}: {why}")
    }
}

/// Which form `import` used for a Word document.
pub fn import_form_line(lang: Lang, form: &Form, guessed: bool, score: u32) -> String {
    let (id, title) = (for_terminal(&form.id), for_terminal(&form.title));
    match (lang, guessed) {
        (Lang::Zh, true) => {
            format!("按文档内容选定表单 {id}（{title}，匹配得分 {score}）；如不对请用 --form 指定")
        }
        (Lang::Zh, false) => format!("按指定表单 {id}（{title}）读取"),
        (Lang::En, true) => format!(
            "form chosen from the content: {id} ({title}, score {score}); name another with --form"
        ),
        (Lang::En, false) => format!("read with the form given: {id} ({title})"),
    }
}

/// Why `--convert` did not help.
pub fn convert_failed(lang: Lang, why: &str) -> String {
    let w = for_terminal(why);
    if lang == Lang::Zh {
        format!("用 LibreOffice 转换失败（{w}）")
    } else {
        format!("conversion with LibreOffice failed ({w})")
    }
}

pub fn no_soffice(lang: Lang) -> String {
    lang.pick(
        "--convert 需要 LibreOffice（soffice），但 PATH 中没有找到",
        "--convert needs LibreOffice (soffice), which is not on the PATH",
    )
    .to_string()
}

/// Printed before a converted file's report.
pub fn converted(lang: Lang, path: &std::path::Path) -> String {
    let p = for_terminal(&path.to_string_lossy());
    if lang == Lang::Zh {
        format!("{p}：已用 LibreOffice 转换为 .docx 后检查")
    } else {
        format!("{p}: converted to .docx with LibreOffice, then checked")
    }
}
