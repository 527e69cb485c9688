//! Asking the terminal, once at start-up, how it draws East Asian Ambiguous characters (one
//! cell or two) and what colour its background is. Everything goes out in one write and the
//! answers are read straight from the tty within a short budget; a device-attributes query sent
//! last tells us early that every answer is in, since nearly every terminal answers it. No
//! answer means the defaults (narrow, no background known). The answers never reach the
//! editor's input: they are read here, before the event reader starts.

use std::io::{self, Write};
use std::time::{Duration, Instant};

use super::backend::Ambiguous;

/// How long start-up waits for the terminal at most.
pub const BUDGET: Duration = Duration::from_millis(100);

/// An ambiguous character every CJK font has, drawn at the probe position.
const PROBE_CHAR: &str = "\u{201C}";

/// The background the terminal reported, or `COLORFGBG` hinted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Background {
    Dark,
    Light,
}

/// What the probe found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Probed {
    /// `None`: no answer to the cursor-position query.
    pub ambiguous: Option<Ambiguous>,
    pub background: Option<Background>,
    /// The terminal answered the device-attributes query (it is a real terminal).
    pub answered: bool,
}

/// The queries, written in one go: place the probe character at the top left, report where
/// the cursor went, report the background colour, report device attributes (the sentinel),
/// then wipe the probe character.
pub fn queries() -> Vec<u8> {
    let mut q = Vec::new();
    q.extend_from_slice(b"\x1b[H");
    q.extend_from_slice(PROBE_CHAR.as_bytes());
    q.extend_from_slice(b"\x1b[6n\x1b]11;?\x1b\\\x1b[c\x1b[H\x1b[2K");
    q
}

/// Reads what the terminal answered so far.
pub fn parse(bytes: &[u8]) -> Probed {
    let mut p = Probed::default();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != 0x1b {
            i += 1;
            continue;
        }
        let rest = &bytes[i..];
        if let Some(body) = rest.strip_prefix(b"\x1b[") {
            // CSI: parameters up to a final byte.
            let end = body.iter().position(|b| (0x40..=0x7e).contains(b));
            let Some(end) = end else { break };
            let params = &body[..end];
            match body[end] {
                b'R' => {
                    let s = String::from_utf8_lossy(params);
                    if let Some((_, col)) = s.split_once(';')
                        && let Ok(col) = col.parse::<u32>()
                    {
                        // The probe character started at column 1.
                        p.ambiguous = Some(if col >= 3 {
                            Ambiguous::Wide
                        } else {
                            Ambiguous::Narrow
                        });
                    }
                }
                b'c' if params.first() == Some(&b'?') => p.answered = true,
                _ => {}
            }
            i += 2 + end + 1;
        } else if let Some(body) = rest.strip_prefix(b"\x1b]11;") {
            // OSC 11 answer, ended by BEL or ST.
            let end = body
                .iter()
                .position(|&b| b == 0x07 || b == 0x1b)
                .unwrap_or(body.len());
            if let Some(bg) = parse_colour(&String::from_utf8_lossy(&body[..end])) {
                p.background = Some(bg);
            }
            i += 5 + end;
        } else {
            i += 1;
        }
    }
    p
}

/// `rgb:RRRR/GGGG/BBBB` (1–4 hex digits per channel) → light or dark, by relative luminance.
fn parse_colour(s: &str) -> Option<Background> {
    let rgb = s.strip_prefix("rgb:").or_else(|| s.strip_prefix("rgba:"))?;
    let mut ch = rgb.split('/').map(|h| {
        let v = u32::from_str_radix(h, 16).ok()?;
        let max = (1u32 << (4 * h.len().clamp(1, 4))) - 1;
        Some(f64::from(v) / f64::from(max))
    });
    let (r, g, b) = (ch.next()??, ch.next()??, ch.next()??);
    let lum = crate::theme::contrast::luminance(r, g, b);
    Some(if lum > 0.4 {
        Background::Light
    } else {
        Background::Dark
    })
}

/// `COLORFGBG` (rxvt, Konsole, some others): `fg;bg` with palette numbers; 7 and 9–15 are light
/// backgrounds except 8.
pub fn colorfgbg_hint(value: Option<&str>) -> Option<Background> {
    let bg: u8 = value?.rsplit(';').next()?.trim().parse().ok()?;
    Some(match bg {
        7 | 9..=15 => Background::Light,
        _ => Background::Dark,
    })
}

/// Sends the queries on `out` and reads the answers from `fd` until the sentinel arrives or the
/// budget is spent. Bytes that arrive in that time are consumed (a key typed in the first
/// tenth of a second of start-up is lost, never misread).
pub fn run(out: &mut impl Write, fd: i32, budget: Duration) -> io::Result<Probed> {
    out.write_all(&queries())?;
    out.flush()?;
    let start = Instant::now();
    let mut got = Vec::new();
    loop {
        let left = budget.saturating_sub(start.elapsed());
        if left.is_zero() {
            break;
        }
        let mut p = libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd and its length.
        let n = unsafe { libc::poll(&mut p, 1, left.as_millis().max(1) as i32) };
        if n <= 0 {
            if n < 0 && io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
                continue;
            }
            break;
        }
        if p.revents & libc::POLLIN == 0 {
            break;
        }
        let mut buf = [0u8; 256];
        // SAFETY: reading into our own buffer of the given length.
        let r = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
        if r <= 0 {
            break;
        }
        got.extend_from_slice(&buf[..r as usize]);
        if parse(&got).answered {
            break;
        }
    }
    Ok(parse(&got))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_read() {
        let p = parse(b"\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[1;3R\x1b[?64;1c");
        assert_eq!(p.ambiguous, Some(Ambiguous::Wide));
        assert_eq!(p.background, Some(Background::Light));
        assert!(p.answered);
        let p = parse(b"\x1b[1;2R\x1b]11;rgb:0000/0000/0000\x07");
        assert_eq!(p.ambiguous, Some(Ambiguous::Narrow));
        assert_eq!(p.background, Some(Background::Dark));
        assert!(!p.answered);
        assert_eq!(parse(b"").ambiguous, None);
        assert_eq!(parse_colour("rgb:fd/f6/e3"), Some(Background::Light));
    }

    #[test]
    fn colorfgbg_names_light_and_dark() {
        assert_eq!(colorfgbg_hint(Some("0;15")), Some(Background::Light));
        assert_eq!(colorfgbg_hint(Some("15;default;0")), Some(Background::Dark));
        assert_eq!(colorfgbg_hint(Some("7;8")), Some(Background::Dark));
        assert_eq!(colorfgbg_hint(None), None);
    }
}
