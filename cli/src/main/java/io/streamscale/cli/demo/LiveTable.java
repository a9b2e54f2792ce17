package io.streamscale.cli.demo;

import io.streamscale.cli.watch.WatchTable;
import java.io.PrintStream;

/**
 * The demo's terminal view: the watch table redrawn every two seconds on a terminal, or a progress
 * line now and then when the output is a file or a pipe (so logs stay readable).
 */
final class LiveTable implements AutoCloseable {

    private static final int WIDTH = 150;

    private final WatchTable table;
    private final OutputCollector collector;
    private final PrintStream console;
    private final boolean redraw;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String status = "starting";

    LiveTable(final WatchTable table, final OutputCollector collector, final PrintStream console, final boolean redraw) {
        this.table = table;
        this.collector = collector;
        this.console = console;
        this.redraw = redraw;
        this.thread = new Thread(this::run, "demo-live-table");
        thread.setDaemon(true);
        thread.start();
    }

    void progress(final String message) {
        status = message;
        if (!redraw) {
            console.println(message + " | windows " + collector.signals().size() + ", decisions " + collector.decisions().size());
        }
    }

    void finalTable() {
        running = false;
        thread.interrupt();
        console.println();
        console.print(table.render(WIDTH));
    }

    private void run() {
        while (running && redraw) {
            console.print("\033[H\033[2J" + table.render(WIDTH) + "\n" + status + "\n");
            console.flush();
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(1_000);
    }
}
