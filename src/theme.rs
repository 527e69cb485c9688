//! Themes: RON files keyed by meaning (ok, warn, over, focus, muted, error…), resolved once into
//! ratatui styles. The default theme is embedded; `themes/*.ron` ship high-contrast and mono.
//! A theme file names only the keys it changes; the rest come from the default. `dark` is the
//! default theme's other name; `light` is picked for light terminal backgrounds.

pub mod contrast;
mod msg;

use std::path::Path;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

/// The built-in theme files: (name, source).
pub const BUILTIN: &[(&str, &str)] = &[
    ("default", include_str!("../themes/default.ron")),
    ("light", include_str!("../themes/light.ron")),
    ("high-contrast", include_str!("../themes/high-contrast.ron")),
    ("mono", include_str!("../themes/mono.ron")),
];

/// The backgrounds a built-in theme is made for (its contrast is checked on each).
pub fn claimed_grounds(name: &str) -> &'static [contrast::Ground] {
    match name {
        "light" => &[contrast::LIGHT],
        "high-contrast" | "mono" => &[contrast::DARK, contrast::LIGHT],
        _ => &[contrast::DARK],
    }
}

/// One style as written in a theme file: `(fg: "yellow", bold: true)`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct StyleSpec {
    #[serde(default)]
    pub fg: Option<String>,
    #[serde(default)]
    pub bg: Option<String>,
    #[serde(default)]
    pub bold: bool,
    #[serde(default)]
    pub dim: bool,
    #[serde(default)]
    pub italic: bool,
    #[serde(default)]
    pub underline: bool,
    #[serde(default)]
    pub reverse: bool,
}

/// A theme file: every key optional.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeFile {
    #[serde(default)]
    pub base: Option<StyleSpec>,
    #[serde(default)]
    pub title: Option<StyleSpec>,
    #[serde(default)]
    pub muted: Option<StyleSpec>,
    #[serde(default)]
    pub focus: Option<StyleSpec>,
    #[serde(default)]
    pub border: Option<StyleSpec>,
    #[serde(default)]
    pub focus_border: Option<StyleSpec>,
    #[serde(default)]
    pub ok: Option<StyleSpec>,
    #[serde(default)]
    pub warn: Option<StyleSpec>,
    #[serde(default)]
    pub over: Option<StyleSpec>,
    #[serde(default)]
    pub over_border: Option<StyleSpec>,
    #[serde(default)]
    pub overflow: Option<StyleSpec>,
    #[serde(default)]
    pub error: Option<StyleSpec>,
    #[serde(default)]
    pub hint: Option<StyleSpec>,
    #[serde(default)]
    pub key: Option<StyleSpec>,
    #[serde(default)]
    pub selected: Option<StyleSpec>,
    #[serde(default)]
    pub hidden_char: Option<StyleSpec>,
}

/// Resolved styles, by meaning. Views take `&Styles`; nothing else picks colours.
#[derive(Clone, Debug, PartialEq)]
pub struct Styles {
    pub base: Style,
    pub title: Style,
    pub muted: Style,
    pub focus: Style,
    pub border: Style,
    pub focus_border: Style,
    pub ok: Style,
    pub warn: Style,
    pub over: Style,
    /// The border of a field over its limit (no underline: it would draw ticks down the sides).
    pub over_border: Style,
    /// The part of a text beyond its limit.
    pub overflow: Style,
    pub error: Style,
    pub hint: Style,
    pub key: Style,
    pub selected: Style,
    /// Markers for hidden characters in review.
    pub hidden_char: Style,
}

/// A theme that could not be used. `Display` is English; `describe` speaks the interface
/// language.
#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    #[error("{file}: {message}")]
    Invalid { file: String, message: ThemeProblem },
    #[error("{file}: {message}")]
    Unreadable { file: String, message: ThemeProblem },
}

/// What is wrong with a theme.
#[derive(Debug)]
pub enum ThemeProblem {
    /// The RON grammar or the theme's shape, at a line and column.
    Syntax {
        line: usize,
        col: usize,
        kind: crate::form::ErrorKind,
    },
    /// `over.fg: "purplish"`.
    BadColour {
        key: String,
        which: &'static str,
        value: String,
    },
    NotUtf8(crate::decode::NotUtf8),
    Read(crate::fsio::ReadError),
    NoSuchBuiltin,
}

fn parse_color(s: &str) -> Option<Color> {
    let c = match s.to_ascii_lowercase().replace(['-', '_', ' '], "").as_str() {
        "reset" | "default" => Color::Reset,
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "darkgray" | "darkgrey" => Color::DarkGray,
        "lightred" => Color::LightRed,
        "lightgreen" => Color::LightGreen,
        "lightyellow" => Color::LightYellow,
        "lightblue" => Color::LightBlue,
        "lightmagenta" => Color::LightMagenta,
        "lightcyan" => Color::LightCyan,
        "white" => Color::White,
        hex if hex.starts_with('#') && hex.len() == 7 => {
            let v = u32::from_str_radix(&hex[1..], 16).ok()?;
            Color::Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8)
        }
        n => Color::Indexed(n.parse().ok()?),
    };
    Some(c)
}

impl StyleSpec {
    fn resolve(&self, key: &str) -> Result<Style, ThemeProblem> {
        let mut style = Style::default();
        if let Some(fg) = &self.fg {
            style = style.fg(parse_color(fg).ok_or_else(|| bad_color(key, "fg", fg))?);
        }
        if let Some(bg) = &self.bg {
            style = style.bg(parse_color(bg).ok_or_else(|| bad_color(key, "bg", bg))?);
        }
        for (on, m) in [
            (self.bold, Modifier::BOLD),
            (self.dim, Modifier::DIM),
            (self.italic, Modifier::ITALIC),
            (self.underline, Modifier::UNDERLINED),
            (self.reverse, Modifier::REVERSED),
        ] {
            if on {
                style = style.add_modifier(m);
            }
        }
        Ok(style)
    }
}

/// A text style made fit for a border: underline becomes reverse video when the style has no
/// colour of its own to stand out with, and is dropped otherwise.
fn border_of(text: Style) -> Style {
    let coloured = text.fg.is_some_and(|c| c != Color::Reset) || text.bg.is_some();
    let had_underline = text.add_modifier.contains(Modifier::UNDERLINED);
    let s = text.remove_modifier(Modifier::UNDERLINED);
    if had_underline && !coloured {
        s.add_modifier(Modifier::REVERSED)
    } else {
        s
    }
}

fn bad_color(key: &str, which: &'static str, value: &str) -> ThemeProblem {
    ThemeProblem::BadColour {
        key: key.to_string(),
        which,
        value: value.to_string(),
    }
}

/// Largest theme file read (a theme is a few dozen lines).
pub const THEME_FILE_CAP: u64 = 1024 * 1024;

/// Nesting limit for a theme file (it is flat: a struct of styles).
const RECURSION_LIMIT: usize = 32;

fn parse(name: &str, src: &str) -> Result<ThemeFile, ThemeError> {
    let src = src
        .strip_prefix('\u{feff}')
        .unwrap_or(src)
        .replace("\r\n", "\n");
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_recursion_limit(RECURSION_LIMIT)
        .from_str(&src)
        .map_err(|e| ThemeError::Invalid {
            file: name.to_string(),
            message: ThemeProblem::Syntax {
                line: e.span.start.line,
                col: e.span.start.col,
                kind: crate::form::load::ron_error_kind(&e.code),
            },
        })
}

impl Styles {
    /// The default theme.
    pub fn default_theme() -> Styles {
        Styles::builtin("default").unwrap_or_else(|_| Styles::plain())
    }

    /// A built-in theme by name.
    pub fn builtin(name: &str) -> Result<Styles, ThemeError> {
        let name = if name == "dark" { "default" } else { name };
        let (_, src) =
            BUILTIN
                .iter()
                .find(|(n, _)| *n == name)
                .ok_or_else(|| ThemeError::Unreadable {
                    file: name.to_string(),
                    message: ThemeProblem::NoSuchBuiltin,
                })?;
        Styles::from_source(name, src, name != "default")
    }

    /// A theme by built-in name or file path.
    pub fn load(name_or_path: &str) -> Result<Styles, ThemeError> {
        if name_or_path == "dark" || BUILTIN.iter().any(|(n, _)| *n == name_or_path) {
            return Styles::builtin(name_or_path);
        }
        let path = Path::new(name_or_path);
        let shown = crate::sanitize::for_terminal(&path.display().to_string());
        let bytes =
            crate::fsio::read_capped(path, THEME_FILE_CAP).map_err(|e| ThemeError::Unreadable {
                file: shown.clone(),
                message: ThemeProblem::Read(e),
            })?;
        Styles::from_bytes(&shown, &bytes)
    }

    /// A theme file's bytes (BOM and CRLF accepted; invalid UTF-8 refused with its offset),
    /// over the default theme. `name` is how the file is shown in messages.
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<Styles, ThemeError> {
        let src = crate::decode::text(bytes).map_err(|e| ThemeError::Invalid {
            file: name.to_string(),
            message: ThemeProblem::NotUtf8(e),
        })?;
        Styles::from_source(name, &src, true)
    }

    /// Parses a theme; `over_default` fills keys it does not name from the default theme.
    pub fn from_source(name: &str, src: &str, over_default: bool) -> Result<Styles, ThemeError> {
        let file = parse(name, src)?;
        let base = if over_default {
            Styles::default_theme()
        } else {
            Styles::plain()
        };
        let invalid = |message: ThemeProblem| ThemeError::Invalid {
            file: name.to_string(),
            message,
        };
        let pick = |key: &str, spec: &Option<StyleSpec>, fallback: Style| match spec {
            Some(s) => s.resolve(key).map_err(invalid),
            None => Ok(fallback),
        };
        Ok(Styles {
            base: pick("base", &file.base, base.base)?,
            title: pick("title", &file.title, base.title)?,
            muted: pick("muted", &file.muted, base.muted)?,
            focus: pick("focus", &file.focus, base.focus)?,
            border: pick("border", &file.border, base.border)?,
            focus_border: pick("focus_border", &file.focus_border, base.focus_border)?,
            ok: pick("ok", &file.ok, base.ok)?,
            warn: pick("warn", &file.warn, base.warn)?,
            over: pick("over", &file.over, base.over)?,
            over_border: match (&file.over_border, &file.over) {
                (Some(spec), _) => spec.resolve("over_border").map_err(invalid)?,
                (None, Some(spec)) => border_of(spec.resolve("over").map_err(invalid)?),
                (None, None) => base.over_border,
            },
            overflow: pick("overflow", &file.overflow, base.overflow)?,
            error: pick("error", &file.error, base.error)?,
            hint: pick("hint", &file.hint, base.hint)?,
            key: pick("key", &file.key, base.key)?,
            selected: pick("selected", &file.selected, base.selected)?,
            hidden_char: pick("hidden_char", &file.hidden_char, base.hidden_char)?,
        })
    }

    /// No styling at all except what keeps meaning visible without colour.
    pub fn plain() -> Styles {
        let b = Style::default().add_modifier(Modifier::BOLD);
        let r = Style::default().add_modifier(Modifier::REVERSED);
        let u = Style::default().add_modifier(Modifier::UNDERLINED);
        Styles {
            base: Style::default(),
            title: b,
            muted: Style::default(),
            focus: r,
            border: Style::default(),
            focus_border: b,
            ok: Style::default(),
            warn: b,
            over: b.add_modifier(Modifier::UNDERLINED),
            over_border: b.add_modifier(Modifier::REVERSED),
            overflow: u.add_modifier(Modifier::REVERSED),
            error: b,
            hint: Style::default(),
            key: b,
            selected: r,
            hidden_char: r,
        }
    }

    /// Whether any style uses a colour (the mono theme must not).
    pub fn uses_colour(&self) -> bool {
        [
            self.base,
            self.title,
            self.muted,
            self.focus,
            self.border,
            self.focus_border,
            self.ok,
            self.warn,
            self.over,
            self.over_border,
            self.overflow,
            self.error,
            self.hint,
            self.key,
            self.selected,
            self.hidden_char,
        ]
        .iter()
        .any(|s| s.fg.is_some_and(|c| c != Color::Reset) || s.bg.is_some_and(|c| c != Color::Reset))
    }
}

/// The theme to use: `--theme` when given, else mono under `NO_COLOR`, else the default.
pub fn choose(flag: Option<&str>, no_color: bool) -> Result<Styles, ThemeError> {
    match flag {
        Some(t) => Styles::load(t),
        None if no_color => Styles::builtin("mono"),
        None => Ok(Styles::default_theme()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_themes_load_and_mono_has_no_colour() {
        for (name, _) in BUILTIN {
            Styles::builtin(name).unwrap();
        }
        assert!(Styles::default_theme().uses_colour());
        assert!(!Styles::builtin("mono").unwrap().uses_colour());
        assert!(!Styles::plain().uses_colour());
    }

    /// Every text style of every built-in theme reads at 4.5:1 or better on each background the
    /// theme claims, every border at 3:1 (WCAG AA for text and for graphical marks), with
    /// xterm's default colours.
    #[test]
    fn every_theme_has_enough_contrast_on_its_backgrounds() {
        let mut failures = Vec::new();
        for (name, _) in BUILTIN {
            let st = Styles::builtin(name).unwrap();
            let text = [
                ("base", st.base),
                ("title", st.title),
                ("muted", st.muted),
                ("focus", st.focus),
                ("ok", st.ok),
                ("warn", st.warn),
                ("over", st.over),
                ("overflow", st.overflow),
                ("error", st.error),
                ("hint", st.hint),
                ("key", st.key),
                ("selected", st.selected),
                ("hidden_char", st.hidden_char),
            ];
            let marks = [
                ("border", st.border),
                ("focus_border", st.focus_border),
                ("over_border", st.over_border),
            ];
            for ground in claimed_grounds(name) {
                for (key, style, need) in text
                    .iter()
                    .map(|(k, s)| (k, s, 4.5))
                    .chain(marks.iter().map(|(k, s)| (k, s, 3.0)))
                {
                    let r = contrast::style_ratio(*style, *ground);
                    if r < need {
                        failures.push(format!("{name}.{key} on {}: {r:.2}:1", ground.name));
                    }
                }
            }
        }
        assert!(failures.is_empty(), "too little contrast: {failures:#?}");
        // The check itself can fail: yellow text on white is what light backgrounds used to get.
        let yellow = Style::default().fg(Color::Yellow);
        assert!(contrast::style_ratio(yellow, contrast::LIGHT) < 2.0);
    }

    #[test]
    fn borders_of_an_underlined_mark_are_not_underlined() {
        let mono = Styles::builtin("mono").unwrap();
        assert!(mono.over.add_modifier.contains(Modifier::UNDERLINED));
        assert!(!mono.over_border.add_modifier.contains(Modifier::UNDERLINED));
        assert!(mono.over_border.add_modifier.contains(Modifier::REVERSED));
        assert_eq!(Styles::builtin("dark").unwrap(), Styles::default_theme());
    }

    #[test]
    fn a_partial_theme_overrides_only_its_keys() {
        let s = Styles::from_source("t", "(warn: (fg: \"magenta\", bold: true))", true).unwrap();
        assert_eq!(
            s.warn,
            Style::default()
                .fg(Color::Magenta)
                .add_modifier(Modifier::BOLD)
        );
        assert_eq!(s.over, Styles::default_theme().over);
    }

    #[test]
    fn broken_themes_name_the_key() {
        let e = Styles::from_source("t.ron", "(over: (fg: \"chartreuse\"))", true).unwrap_err();
        assert!(
            e.to_string()
                .contains("over.fg: unknown colour 'chartreuse'"),
            "{e}"
        );
        let e = Styles::from_source("t.ron", "(overr: (fg: \"red\"))", true).unwrap_err();
        assert!(e.to_string().starts_with("t.ron: 1:2:"), "{e}");
        assert!(e.to_string().contains("overr"), "{e}");
    }

    #[test]
    fn no_color_picks_mono_unless_a_theme_is_named() {
        assert!(!choose(None, true).unwrap().uses_colour());
        assert!(choose(Some("default"), true).unwrap().uses_colour());
        assert!(choose(None, false).unwrap().uses_colour());
    }
}
