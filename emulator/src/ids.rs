//! Identifier and secret generation.
//!
//! SplitMix64 is enough here: values only need to be unique and random-looking
//! within one emulator run, and a real RNG crate would be a dependency for nothing.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

const ALPHANUMERIC: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const HEX: &[u8] = b"0123456789abcdef";

#[derive(Debug)]
pub struct IdGen {
    state: u64,
}

impl IdGen {
    /// Seeds from the clock and the process id so two emulators started in the
    /// same instant still hand out different ids.
    pub fn from_clock() -> Self {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        Self::with_seed(nanos ^ (u64::from(std::process::id()) << 32))
    }

    pub fn with_seed(seed: u64) -> Self {
        Self { state: seed }
    }

    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn string_over(&mut self, alphabet: &[u8], len: usize) -> String {
        (0..len)
            .map(|_| {
                let index = (self.next_u64() % alphabet.len() as u64) as usize;
                char::from(alphabet[index])
            })
            .collect()
    }

    /// Lowercase hex, e.g. Cloudflare's 32-character ids.
    pub fn hex(&mut self, len: usize) -> String {
        self.string_over(HEX, len)
    }

    /// `[0-9A-Za-z]`, the alphabet of Clerk ids and most secrets.
    pub fn alphanumeric(&mut self, len: usize) -> String {
        self.string_over(ALPHANUMERIC, len)
    }

    /// A version-4-shaped UUID (Atlan GUIDs and client ids).
    pub fn uuid(&mut self) -> String {
        let hex = self.hex(32);
        // Fix the version nibble to 4 and the variant to 10xx, as in RFC 9562.
        let variant = char::from(HEX[8 + (self.next_u64() % 4) as usize]);
        format!(
            "{}-{}-4{}-{}{}-{}",
            &hex[0..8],
            &hex[8..12],
            &hex[13..16],
            variant,
            &hex[17..20],
            &hex[20..32]
        )
    }
}

/// A fresh hex string for error trace ids, which are minted while building
/// an error response, where the store (and its generator) is out of reach.
pub fn trace_hex(len: usize) -> String {
    static ISSUED: AtomicU64 = AtomicU64::new(0);
    let serial = ISSUED.fetch_add(1, Ordering::Relaxed);
    let mut ids = IdGen::from_clock();
    ids.state ^= serial.rotate_left(32);
    ids.hex(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let mut ids = IdGen::with_seed(7);
        let hex = ids.hex(32);
        assert_eq!(hex.len(), 32);
        assert!(
            hex.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        );
        assert!(
            ids.alphanumeric(27)
                .bytes()
                .all(|b| b.is_ascii_alphanumeric())
        );
        let uuid = ids.uuid();
        let groups: Vec<&str> = uuid.split('-').collect();
        assert_eq!(
            groups.iter().map(|g| g.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(groups[2].starts_with('4'));
        assert!(matches!(groups[3].as_bytes()[0], b'8' | b'9' | b'a' | b'b'));
    }

    #[test]
    fn successive_values_differ() {
        let mut ids = IdGen::with_seed(1);
        assert_ne!(ids.hex(32), ids.hex(32));
        assert_ne!(trace_hex(32), trace_hex(32));
    }
}
