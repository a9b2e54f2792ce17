package io.streamscale.cli.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Debian's Chromium, headless, as a person's browser would open a report. */
public final class HeadlessChromium {

    private final Path binary;

    private HeadlessChromium(final Path binary) {
        this.binary = binary;
    }

    /** The browser named by $CHROMIUM, else the first of the usual Debian paths that exists. */
    public static Optional<HeadlessChromium> find() {
        final List<String> candidates = new ArrayList<>();
        if (System.getenv("CHROMIUM") != null) {
            candidates.add(System.getenv("CHROMIUM"));
        }
        candidates.addAll(List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"));
        return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst().map(HeadlessChromium::new);
    }

    /** The DOM after the page's scripts ran. */
    public String dumpDom(final Path page) throws IOException, InterruptedException {
        return run(page, "--dump-dom");
    }

    /** A PNG of the page at the given size. */
    public void screenshot(final Path page, final Path png, final int width, final int height) throws IOException, InterruptedException {
        run(page, "--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height, "--hide-scrollbars");
    }

    private String run(final Path page, final String... extra) throws IOException, InterruptedException {
        final Path profile = Files.createTempDirectory("chromium-profile");
        final List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile,
                "--virtual-time-budget=5000"));
        command.addAll(List.of(extra));
        command.add(page.toUri().toString());
        final Path out = Files.createTempFile("chromium", ".out");
        final Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("Chromium did not finish within 90 s: " + command);
        }
        return Files.readString(out);
    }
}
