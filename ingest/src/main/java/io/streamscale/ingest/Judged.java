package io.streamscale.ingest;

import io.streamscale.ingest.normalise.Verdict;

/** A raw value with the normaliser's verdict on it, so a rejected record can still be written byte for byte. */
record Judged(byte[] rawValue, Verdict verdict) {
}
