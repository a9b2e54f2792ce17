package io.streamscale.ingest.fuzz;

import io.streamscale.ingest.corpus.Corpus;
import io.streamscale.schemas.registry.SchemaRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Seeded random raw values: pure random bytes (sometimes starting like Avro or JSON, so the deeper
 * decoders get exercised) and valid records of every accepted shape with random mutations (bit flips,
 * cuts, insertions, splices, truncations). The same seed gives the same inputs.
 */
public final class FuzzInputs {

    private final Random random;
    private final List<byte[]> seeds;

    public FuzzInputs(final long seed, final SchemaRegistry registry, final String rawTopic, final long nowMs) {
        this.random = new Random(seed);
        this.seeds = new Corpus(registry, rawTopic).load("corpus/good-inputs.jsonl", nowMs, "fuzz-seed").stream()
                .map(Corpus.Entry::value).filter(Objects::nonNull).toList();
    }

    public byte[] next() {
        return random.nextInt(3) == 0 ? randomBytes() : mutate(seeds.get(random.nextInt(seeds.size())));
    }

    /** An unmutated valid record now and then keeps the accepted path busy too. */
    public byte[] nextValidOrMutated() {
        return random.nextInt(5) == 0 ? seeds.get(random.nextInt(seeds.size())).clone() : next();
    }

    private byte[] randomBytes() {
        final byte[] bytes = new byte[random.nextInt(300)];
        random.nextBytes(bytes);
        if (bytes.length > 0) {
            switch (random.nextInt(4)) {
                case 0 -> bytes[0] = 0;      // looks like a Confluent frame
                case 1 -> bytes[0] = '{';    // looks like JSON
                default -> { }
            }
        }
        return bytes;
    }

    private byte[] mutate(final byte[] valid) {
        byte[] bytes = valid.clone();
        final int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations && bytes.length > 0; i++) {
            final int at = random.nextInt(bytes.length);
            bytes = switch (random.nextInt(6)) {
                case 0 -> flipBit(bytes, at);
                case 1 -> Arrays.copyOf(bytes, at);                                     // truncate
                case 2 -> cut(bytes, at, 1 + random.nextInt(Math.max(1, bytes.length - at)));
                case 3 -> insert(bytes, at, randomChunk());
                case 4 -> insert(bytes, at, Arrays.copyOfRange(bytes, 0, Math.min(bytes.length, 1 + random.nextInt(16))));
                default -> replaceByte(bytes, at, (byte) "0123456789-.eE\"{}[],:nNaI \\".charAt(random.nextInt(26)));
            };
        }
        return bytes;
    }

    private byte[] randomChunk() {
        final byte[] chunk = new byte[1 + random.nextInt(8)];
        random.nextBytes(chunk);
        return chunk;
    }

    private byte[] flipBit(final byte[] bytes, final int at) {
        bytes[at] ^= (byte) (1 << random.nextInt(8));
        return bytes;
    }

    private static byte[] replaceByte(final byte[] bytes, final int at, final byte value) {
        bytes[at] = value;
        return bytes;
    }

    private static byte[] cut(final byte[] bytes, final int at, final int length) {
        final int end = Math.min(bytes.length, at + length);
        final byte[] out = new byte[bytes.length - (end - at)];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(bytes, end, out, at, bytes.length - end);
        return out;
    }

    private static byte[] insert(final byte[] bytes, final int at, final byte[] chunk) {
        final byte[] out = new byte[bytes.length + chunk.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(chunk, 0, out, at, chunk.length);
        System.arraycopy(bytes, at, out, at + chunk.length, bytes.length - at);
        return out;
    }
}
