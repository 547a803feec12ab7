//! Evidence: the snapshot a check judged, kept compressed with the SHA-256 of its JSON.
//!
//! The hash is taken over the exact JSON bytes that are compressed, so decompressing the stored
//! evidence and hashing it again must give the hash recorded beside it (and printed in exports).

use std::io::{Read, Write};

use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use sandpit_core::snapshot::Snapshot;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::StoreError;

/// How evidence is stored: gzip-compressed snapshot JSON.
pub(crate) const FORMAT: &str = "snapshot+json+gzip";

/// A snapshot packed for storage.
pub(crate) struct Packed {
    pub(crate) compressed: Vec<u8>,
    pub(crate) sha256: String,
}

/// Serializes, hashes and compresses a snapshot.
pub(crate) fn pack(snapshot: &Snapshot) -> Result<Packed, StoreError> {
    let json = serde_json::to_vec(snapshot).map_err(|e| StoreError::Corrupt(format!("snapshot: {e}")))?;
    let sha256 = sha256_hex(&json);
    let mut encoder = GzEncoder::new(Vec::with_capacity(json.len() / 4), Compression::default());
    // Writing into a Vec cannot fail.
    let compressed = encoder.write_all(&json).and_then(|()| encoder.finish());
    let compressed = compressed.map_err(|e| StoreError::Corrupt(format!("compressing evidence: {e}")))?;
    Ok(Packed { compressed, sha256 })
}

/// Decompresses stored evidence.
pub(crate) fn unpack(id: i64, format: &str, compressed: &[u8]) -> Result<Vec<u8>, StoreError> {
    if format != FORMAT {
        return Err(StoreError::Corrupt(format!("attempt {id}: unknown evidence format `{format}`")));
    }
    let mut json = Vec::new();
    GzDecoder::new(compressed)
        .read_to_end(&mut json)
        .map_err(|e| StoreError::Corrupt(format!("attempt {id}: evidence does not decompress: {e}")))?;
    Ok(json)
}

/// The lowercase hex SHA-256 of `bytes`.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// The evidence of one attempt: the snapshot JSON exactly as hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// The attempt.
    pub attempt: i64,
    /// The snapshot JSON, decompressed. `sha256sum` of these bytes is [`Self::recorded_sha256`]
    /// when the evidence is intact.
    pub json: Vec<u8>,
    /// The hash recorded when the attempt was stored.
    pub recorded_sha256: String,
}

impl Evidence {
    /// The hash of the evidence as it is now.
    pub fn actual_sha256(&self) -> String {
        sha256_hex(&self.json)
    }

    /// The snapshot, to judge again (`sandpit check --snapshot`).
    pub fn snapshot(&self) -> Result<Snapshot, StoreError> {
        serde_json::from_slice(&self.json).map_err(|e| {
            StoreError::Corrupt(format!("attempt {}: evidence is not a snapshot: {e}", self.attempt))
        })
    }
}

/// The outcome of checking one attempt's evidence against its recorded hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verification {
    /// The attempt.
    pub attempt: i64,
    /// The hash recorded with the attempt (and printed in exports).
    pub recorded_sha256: String,
    /// The hash of the stored evidence now; `None` when it could not be read at all.
    pub actual_sha256: Option<String>,
    /// Whether the two agree.
    pub intact: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_evidence_unpacks_to_the_hashed_json() {
        let snapshot = Snapshot { account: Some("123456789012".into()), ..Snapshot::default() };
        let packed = pack(&snapshot).unwrap();
        let json = unpack(1, FORMAT, &packed.compressed).unwrap();
        assert_eq!(sha256_hex(&json), packed.sha256);
        assert_eq!(serde_json::from_slice::<Snapshot>(&json).unwrap(), snapshot);
        assert!(unpack(1, FORMAT, b"not gzip").is_err());
        assert!(unpack(1, "zip", &packed.compressed).is_err());
        // A known vector, so the hash is plain SHA-256 that `sha256sum` reproduces.
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
