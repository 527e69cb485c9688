//! Contrast of theme styles against the backgrounds a theme claims to work on, by the WCAG 2
//! formula, with the 16 named colours as xterm draws them by default (and the xterm 256-colour
//! cube and grey ramp for numbered colours).

use ratatui::style::{Color, Modifier, Style};

/// An sRGB colour, 0–255 per channel.
pub type Rgb = (u8, u8, u8);

/// xterm's default palette for colours 0–15.
const XTERM16: [Rgb; 16] = [
    (0x00, 0x00, 0x00),
    (0xcd, 0x00, 0x00),
    (0x00, 0xcd, 0x00),
    (0xcd, 0xcd, 0x00),
    (0x00, 0x00, 0xee),
    (0xcd, 0x00, 0xcd),
    (0x00, 0xcd, 0xcd),
    (0xe5, 0xe5, 0xe5),
    (0x7f, 0x7f, 0x7f),
    (0xff, 0x00, 0x00),
    (0x00, 0xff, 0x00),
    (0xff, 0xff, 0x00),
    (0x5c, 0x5c, 0xff),
    (0xff, 0x00, 0xff),
    (0x00, 0xff, 0xff),
    (0xff, 0xff, 0xff),
];

/// A terminal's default colours: what `Color::Reset` means for text and for the background.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ground {
    pub name: &'static str,
    pub fg: Rgb,
    pub bg: Rgb,
}

/// Black background with xterm's light grey text (a dark terminal profile).
pub const DARK: Ground = Ground {
    name: "dark (black)",
    fg: (0xe5, 0xe5, 0xe5),
    bg: (0, 0, 0),
};

/// White background with black text (xterm's own default).
pub const LIGHT: Ground = Ground {
    name: "light (white)",
    fg: (0, 0, 0),
    bg: (0xff, 0xff, 0xff),
};

/// The colour a terminal shows for `c`, with `default` standing for `Color::Reset`.
pub fn rgb(c: Color, default: Rgb) -> Rgb {
    let idx = |n: u8| -> Rgb {
        match n {
            0..=15 => XTERM16[n as usize],
            16..=231 => {
                let n = n - 16;
                let step = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
                (step(n / 36), step((n / 6) % 6), step(n % 6))
            }
            _ => {
                let v = 8 + 10 * (n - 232);
                (v, v, v)
            }
        }
    };
    match c {
        Color::Reset => default,
        Color::Black => idx(0),
        Color::Red => idx(1),
        Color::Green => idx(2),
        Color::Yellow => idx(3),
        Color::Blue => idx(4),
        Color::Magenta => idx(5),
        Color::Cyan => idx(6),
        Color::Gray => idx(7),
        Color::DarkGray => idx(8),
        Color::LightRed => idx(9),
        Color::LightGreen => idx(10),
        Color::LightYellow => idx(11),
        Color::LightBlue => idx(12),
        Color::LightMagenta => idx(13),
        Color::LightCyan => idx(14),
        Color::White => idx(15),
        Color::Indexed(n) => idx(n),
        Color::Rgb(r, g, b) => (r, g, b),
    }
}

/// Relative luminance of an sRGB colour given as 0–1 channels.
pub fn luminance(r: f64, g: f64, b: f64) -> f64 {
    let lin = |c: f64| {
        if c <= 0.03928 {
            c / 12.92
        } else {
            // The `libm` crate's pow, not `f64::powf`: that one would load the system's maths
            // library into every start (src/main.rs says why that matters).
            libm::pow((c + 0.055) / 1.055, 2.4)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

fn lum(c: Rgb) -> f64 {
    luminance(
        f64::from(c.0) / 255.0,
        f64::from(c.1) / 255.0,
        f64::from(c.2) / 255.0,
    )
}

/// The WCAG contrast ratio of two colours (1–21).
pub fn ratio(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (lum(a), lum(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// The colours a style's text is drawn in, on a terminal with these defaults: (text, behind),
/// with reverse video swapping them.
pub fn drawn(style: Style, ground: Ground) -> (Rgb, Rgb) {
    let fg = rgb(style.fg.unwrap_or(Color::Reset), ground.fg);
    let bg = rgb(style.bg.unwrap_or(Color::Reset), ground.bg);
    if style.add_modifier.contains(Modifier::REVERSED) {
        (bg, fg)
    } else {
        (fg, bg)
    }
}

/// Contrast of a style's text against what it is drawn on.
pub fn style_ratio(style: Style, ground: Ground) -> f64 {
    let (fg, bg) = drawn(style, ground);
    ratio(fg, bg)
}
